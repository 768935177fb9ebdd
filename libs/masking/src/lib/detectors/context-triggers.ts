import { Trigger } from '../triggers';
import { keywordTypeBefore } from './keywords';
import { PREFIX_STEMS } from './vendor-prefixes';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;
const isUpper = (code: number): boolean => code >= 65 && code <= 90;
const isBlank = (code: number): boolean => code === 32 || code === 9;

/** Characters the main trigger scan hands to `contextBitsAt` besides digits, `:`, `-`, `%`, `A`. */
export const CONTEXT_CHARACTERS = '?&<PLC.~';

const PROTOCOL_WORDS = ['AUTH', 'PASS', 'LOGIN', 'CONFIG'];

/**
 * The trigger bits of the context-aware detectors (query parameters, markup, command lines,
 * protocol commands, webhook URLs, keyword-introduced values, separated digit groups) for the
 * character at `i`; called by the main scan for its digits at the start of a run and for the
 * characters above, so ordinary text costs nothing extra. Like the main scan it must never
 * under-report: each bit is a necessary condition of its detectors.
 */
export function contextBitsAt(text: string, codes: Uint16Array, i: number): number {
  const code = codes[i] as number;
  if (isDigit(code)) return digitBits(text, codes, i);
  switch (code) {
    case 63: // ?
    case 38: // &
      return isLetter(codes[i + 1] as number) ? Trigger.QUERY_PARAM : 0;
    case 60: // <
      return isLetter(codes[i + 1] as number) ? Trigger.MARKUP : 0;
    case 58: // :
      if (codes[i + 1] === 47 && codes[i + 2] === 47) return Trigger.URL;
      // `net use … /user:DOMAIN\name password`
      return ((codes[i - 1] as number) | 32) === 114 && /^\/user$/i.test(text.slice(i - 5, i))
        ? Trigger.COMMAND
        : 0;
    case 37: // `https%3A%2F%2F…`: an encoded URL inside a query string.
      return codes[i + 1] === 51 && ((codes[i + 2] as number) | 32) === 97 ? Trigger.URL : 0;
    case 45: // -, a flag, `ConvertTo-SecureString` or a vendor prefix (`glpat-`)
      return (
        ((isBlank(codes[i - 1] ?? 32) && isFlagStart(codes, i + 1)) ||
        text.startsWith('SecureString', i + 1)
          ? Trigger.COMMAND
          : 0) | (followsVendorStem(text, codes, i) ? Trigger.VENDOR_TOKEN_PREFIX : 0)
      );
    case 95: // _, in `rabbitmqctl add_user`, `change_password` or a vendor prefix (`npm_`)
      return (
        (text.startsWith('add_user', i - 3) || text.startsWith('change_password', i - 6)
          ? Trigger.COMMAND
          : 0) | (followsVendorStem(text, codes, i) ? Trigger.VENDOR_TOKEN_PREFIX : 0)
      );
    case 61: // =, after Azure storage's `AccountKey`
      return codes[i - 1] === 121 && text.startsWith('AccountKey', i - 10)
        ? Trigger.VENDOR_TOKEN_PREFIX
        : 0;
    case 46: // .
      return followsDottedStem(text, codes, i) ? Trigger.VENDOR_TOKEN_PREFIX : 0;
    case 126: // ~, in Azure AD client secrets (`…8Q~…`)
      return codes[i - 1] === 81 && isDigit(codes[i - 2] ?? 0) ? Trigger.VENDOR_TOKEN_PREFIX : 0;
    case 65: // A: `AIza…`, `ATATT3…`, a Telegram bot token's `:AA…`, or a protocol word
      if (
        text.startsWith('Iza', i + 1) ||
        text.startsWith('TATT3', i + 1) ||
        (codes[i - 1] === 58 && codes[i + 1] === 65)
      ) {
        return Trigger.VENDOR_TOKEN_PREFIX;
      }
      return isProtocolWord(text, codes, i) ? Trigger.COMMAND : 0;
    default:
      return isProtocolWord(text, codes, i) ? Trigger.COMMAND : 0;
  }
}

/** `-p`, `--password`: what follows the dash of a command-line flag. */
function isFlagStart(codes: Uint16Array, i: number): boolean {
  const code = codes[i] as number;
  return isLetter(code) || (code === 45 && isLetter(codes[i + 1] as number));
}

function isProtocolWord(text: string, codes: Uint16Array, i: number): boolean {
  if (isLetter(codes[i - 1] ?? 0) || !isUpper(codes[i + 1] as number)) return false;
  for (const word of PROTOCOL_WORDS) {
    if (text.startsWith(word, i) && !isLetter(codes[i + word.length] as number)) return true;
  }
  return false;
}

// Stems longer than this are not vendor prefixes (`rubygems` is the longest).
const MAX_STEM = 9;
// Mailchimp keys (`<32 hex>-us21`) and Mailgun signing keys (`<32 hex>-<8>-<8>`) have no prefix.
const HEX_KEY_LENGTH = 32;

const isHexLower = (code: number): boolean => isDigit(code) || (code >= 97 && code <= 102);
const isAlphanumeric = (code: number): boolean => isDigit(code) || isLetter(code);

/** Whether the word before the `_` or `-` at `i` is a vendor prefix stem or a 32-hex key. */
function followsVendorStem(text: string, codes: Uint16Array, i: number): boolean {
  let start = i;
  const floor = Math.max(0, i - HEX_KEY_LENGTH - 1);
  while (start > floor && isAlphanumeric(codes[start - 1] as number)) start--;
  const length = i - start;
  if (length === 0 || isAlphanumeric(codes[start - 1] ?? 0)) return false;
  if (length === HEX_KEY_LENGTH) {
    for (let j = start; j < i; j++) if (!isHexLower(codes[j] as number)) return false;
    return true;
  }
  if (length > MAX_STEM) return false;
  return PREFIX_STEMS.get(codes[i] as number)?.has(text.slice(start, i).toLowerCase()) === true;
}

/** `SG.`, `dp.pt.`, `hvs.`, `hvb.`, `dt0c01.` and Terraform's `.atlasv1.`. */
function followsDottedStem(text: string, codes: Uint16Array, i: number): boolean {
  switch (codes[i - 1]) {
    case 71: // G
      return codes[i - 2] === 83 && !isAlphanumeric(codes[i - 3] ?? 0);
    case 112: // p
    case 115: // s
    case 98: // b
      return text.startsWith('dp', i - 2) || text.startsWith('hv', i - 3);
    case 49: // 1
      return text.startsWith('dt0c0', i - 6) || text.startsWith('atlasv', i - 7);
    default:
      return false;
  }
}

/** `SK<32 hex>` and `AC<32 hex>:` (Twilio) and `dapi<32 hex>` (Databricks), seen from a digit inside the hex. */
function followsHexPrefix(text: string, codes: Uint16Array, i: number): boolean {
  let start = i;
  const floor = Math.max(0, i - HEX_KEY_LENGTH);
  while (start > floor && isHexLower(codes[start - 1] as number)) start--;
  return (
    text.startsWith('SK', start - 2) ||
    text.startsWith('AC', start - 2) ||
    text.startsWith('dapi', start - 4)
  );
}

function digitBits(text: string, codes: Uint16Array, i: number): number {
  let bits = 0;
  const before = codes[i - 1] ?? 32;
  if ((before === 75 || before === 105 || isHexLower(before)) && followsHexPrefix(text, codes, i)) {
    bits |= Trigger.VENDOR_TOKEN_PREFIX;
  }
  // Keyword values follow a separator, a `+` or (`QQ123456C`) capitals; never a lower-case
  // letter, which rules out the digits inside hex ids before any look-back.
  if (!isDigit(before) && !(isLetter(before) && !isUpper(before)) && mayStartValue(codes, i)) {
    if (keywordTypeBefore(text, i) !== undefined) bits |= Trigger.KEYWORD_VALUE;
  }
  if (hasSeparatedGroups(codes, i)) bits |= Trigger.DIGIT_GROUPS;
  return bits;
}

/**
 * Every keyword value has three digits in a row, except the grouped UK NINO (`QQ 12 34 56 C`),
 * and ids such as `C01X00T47`, whose first digits follow capitals (or a space after them).
 */
function mayStartValue(codes: Uint16Array, i: number): boolean {
  if (isDigit(codes[i + 1] as number) && isDigit(codes[i + 2] as number)) return true;
  const before = codes[i - 1] ?? 0;
  return isUpper(before) || (before === 32 && isUpper(codes[i - 2] ?? 0));
}

/**
 * Digit groups the main scan does not join: a card written `4111.1111.1111.1111`, with `/`, a
 * tab or two spaces between its groups, or a national phone written `415 555 0132`.
 */
function hasSeparatedGroups(codes: Uint16Array, start: number): boolean {
  let end = start;
  while (isDigit(codes[end] as number)) end++;
  const first = end - start;
  if (first !== 3 && first !== 4) return false;
  const separator = codes[end] as number;
  const double = codes[end + 1] === separator;
  const second = end + (double ? 2 : 1);
  if (first === 3) {
    return !double && separator === 32 && groupOf(codes, second, 3) && codes[second + 3] === 32;
  }
  const joinsCards =
    separator === 46 || separator === 47 || separator === 9 || (separator === 32 && double);
  return joinsCards && groupOf(codes, second, 4) && codes[second + 4] === separator;
}

/** Exactly `length` digits from `start`, then something else. */
function groupOf(codes: Uint16Array, start: number, length: number): boolean {
  for (let i = start; i < start + length; i++) if (!isDigit(codes[i] as number)) return false;
  return !isDigit(codes[start + length] as number);
}
