import { Trigger } from '../triggers';
import {
  isKeywordSeparator,
  keywordTypeBefore,
  mayEndKeyword,
  mayEndKeywordPair,
  mayEndKeywordWithDigit,
} from './keywords';
import { digitRunProseBits, proseBitsAt } from './prose-triggers';
import { startsSensitiveParameter } from './query-parameters';
import { PREFIX_STEMS } from './vendor-prefixes';
import { WordTrie } from './word-trie';

/**
 * The code unit at `i`, or `outside` before the start: a negative index on a typed array is a
 * named-property lookup in V8, far slower than an element read.
 */
const at = (codes: Uint16Array, i: number, outside = 0): number =>
  i >= 0 ? (codes[i] as number) : outside;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;
const isUpper = (code: number): boolean => code >= 65 && code <= 90;
const isBlank = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/** Characters the main trigger scan hands to `contextBitsAt` besides digits, `:`, `-`, `%`, `A`. */
export const CONTEXT_CHARACTERS = '?&<PLCKG~SHwWvpq';

// Redis's write commands, for a sensitive field or key name they write (redis-fields.ts).
const PROTOCOL_WORDS = [
  'AUTH',
  'PASS',
  'LOGIN',
  'CONFIG',
  'HSET',
  'HMSET',
  'HSETNX',
  'SET',
  'SETEX',
  'PSETEX',
  'SETNX',
  'GETSET',
];

// Grouped by their first letter, so a capital at a word start (`POST`, `INFO`) is compared with
// the one or three words it can start, not with all twelve.
const PROTOCOL_WORDS_BY_FIRST: (readonly string[] | undefined)[] = [];
const NO_WORDS: readonly string[] = [];
for (const word of PROTOCOL_WORDS) {
  const first = word.charCodeAt(0);
  PROTOCOL_WORDS_BY_FIRST[first] = [...(PROTOCOL_WORDS_BY_FIRST[first] ?? []), word];
}

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
      return isLetter(codes[i + 1] as number) && startsSensitiveParameter(text, i + 1)
        ? Trigger.QUERY_PARAM
        : 0;
    case 60: // <
      return isLetter(codes[i + 1] as number) ? Trigger.MARKUP : 0;
    case 58: // :
      if (codes[i + 1] === 47 && codes[i + 2] === 47) return Trigger.URL;
      // `net use … /user:DOMAIN\name password`
      return (at(codes, i - 1) | 32) === 114 && isUserSwitch(text, i - 5) ? Trigger.COMMAND : 0;
    case 37: // `https%3A%2F%2F…`: an encoded URL inside a query string.
      return codes[i + 1] === 51 && ((codes[i + 2] as number) | 32) === 97 ? Trigger.URL : 0;
    case 45: // -, a flag, `ConvertTo-SecureString` or a vendor prefix (`glpat-`)
      return (
        ((isBlank(at(codes, i - 1, 32)) && isFlagStart(codes, i + 1)) ||
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
      return at(codes, i - 1) === 121 && text.startsWith('AccountKey', i - 10)
        ? Trigger.VENDOR_TOKEN_PREFIX
        : 0;
    case 71: // G, in SendGrid's `SG.`
      return at(codes, i - 1) === 83 && codes[i + 1] === 46 && !isAlphanumeric(at(codes, i - 2))
        ? Trigger.VENDOR_TOKEN_PREFIX
        : 0;
    case 126: // ~, in Azure AD client secrets (`…8Q~…`)
      return at(codes, i - 1) === 81 && isDigit(at(codes, i - 2)) ? Trigger.VENDOR_TOKEN_PREFIX : 0;
    case 65: // A: `AIza…`, `ATATT3…`, a Telegram bot token's `:AA…`, or a protocol word
      if (
        text.startsWith('Iza', i + 1) ||
        text.startsWith('TATT3', i + 1) ||
        (at(codes, i - 1) === 58 && codes[i + 1] === 65) ||
        (codes[i + 1] === 67 && startsHex(codes, i + 2, at(codes, i - 1)))
      ) {
        return Trigger.VENDOR_TOKEN_PREFIX;
      }
      return isProtocolWord(text, codes, i) ? Trigger.COMMAND : 0;
    case 119: // w, W, v, p, q: `password`, `recovery`, `backup`, `mysqli`
    case 87:
    case 118:
    case 112:
    case 113:
      return proseBitsAt(text, codes, i);
    default:
      return (
        (isProtocolWord(text, codes, i) ? Trigger.COMMAND : 0) |
        (code === 80 ? proseBitsAt(text, codes, i) : 0)
      );
  }
}

function isUserSwitch(text: string, start: number): boolean {
  return text.charCodeAt(start) === 47 && USER.lookup(text, start + 1, start + 5) === true;
}
const USER = new WordTrie([['user', true] as const]);

/** `-p`, `--password`: what follows the dash of a command-line flag. */
function isFlagStart(codes: Uint16Array, i: number): boolean {
  const code = codes[i] as number;
  return isLetter(code) || (code === 45 && isLetter(codes[i + 1] as number));
}

function isProtocolWord(text: string, codes: Uint16Array, i: number): boolean {
  if (isLetter(at(codes, i - 1)) || !isUpper(codes[i + 1] as number)) return false;
  for (const word of PROTOCOL_WORDS_BY_FIRST[codes[i] as number] ?? NO_WORDS) {
    if (text.startsWith(word, i) && !isLetter(codes[i + word.length] as number)) return true;
  }
  return false;
}

const STEMS = new Map(
  [...PREFIX_STEMS].map(([separator, stems]) => [
    separator,
    new WordTrie([...stems].map((stem) => [stem, true] as const)),
  ]),
);

// Stems longer than this are not vendor prefixes (`rubygems` is the longest).
const MAX_STEM = 9;
// Mailchimp keys (`<32 hex>-us21`) and Mailgun signing keys (`<32 hex>-<8>-<8>`) have no prefix.
const HEX_KEY_LENGTH = 32;

const isHexLower = (code: number): boolean => isDigit(code) || (code >= 97 && code <= 102);
const isAlphanumeric = (code: number): boolean => isDigit(code) || isLetter(code);

/** Whether the word before the `_` or `-` at `i` is a vendor prefix stem or a 32-hex key. */
function followsVendorStem(text: string, codes: Uint16Array, i: number): boolean {
  const last = at(codes, i - 1);
  // Dates, times and version numbers put a digit here; the only stem ending in one is `fo1`.
  if (isDigit(last))
    return (last === 49 && text.startsWith('fo', i - 3)) || followsHexKey(codes, i);
  let start = i;
  const floor = Math.max(0, i - MAX_STEM - 1);
  while (start > floor && isAlphanumeric(at(codes, start - 1))) start--;
  if (start === floor && start > 0) return followsHexKey(codes, i);
  if (isAlphanumeric(at(codes, start - 1))) return false;
  return STEMS.get(codes[i] as number)?.lookup(text, start, i) === true;
}

/**
 * Mailchimp keys (`<32 hex>-us21`). Mailgun signing keys (`<32 hex>-<8>-<8>`) are only
 * triggered by a sensitive key before them: a dash after hex is too common to look back from.
 */
function followsHexKey(codes: Uint16Array, i: number): boolean {
  if (codes[i] !== 45 || codes[i + 1] !== 117 || i < HEX_KEY_LENGTH) return false;
  for (let j = i - HEX_KEY_LENGTH; j < i; j++) if (!isHexLower(codes[j] as number)) return false;
  return !isAlphanumeric(at(codes, i - HEX_KEY_LENGTH - 1));
}

// Classes of the characters around a candidate, for the trigger loop's `worthAsking`
// (assembly/trigger-skip.ts), which reads them with the two tables below.
const BLANK = 1;
const LOWER = 2;
const UPPER = 4;
const NOT_ALPHANUMERIC = 8;
const SLASH = 16;
// Dotted prefixes other than `SG.` (`dp.pt.`, `hvs.`, `dt0c01.`, `.atlasv1.`) are left to the
// key before them: a dot is too common a character to look back from.
const DOT = 32;
const LETTER_R = 64;
const LETTER_Y = 128;
const LETTER_U = 256;
const LETTER_D = 4096;
const LETTER_E = 8192;
const DIGIT = 16384;
const DIGIT_ONE = 512;
const LETTER_S = 32768;
const LETTER_O = 65536;
/** Last characters of the vendor stems before a `-` (`glpat`, `sk`, `pypi`, `key`, `xkeysib`…). */
const DASH_STEM_END = 1024;
/** Last characters of the vendor stems before a `_` (`npm`, `hf`, `glsa`, `live`, `fo1`…). */
const UNDERSCORE_STEM_END = 2048;

const CLASS = new Uint32Array(65536).fill(NOT_ALPHANUMERIC);
for (let code = 48; code <= 57; code++) CLASS[code] = DIGIT;
for (let code = 97; code <= 122; code++) CLASS[code] = LOWER;
for (let code = 65; code <= 90; code++) CLASS[code] = UPPER;
CLASS[32] |= BLANK;
CLASS[9] |= BLANK;
CLASS[10] |= BLANK;
CLASS[13] |= BLANK;
CLASS[47] |= SLASH;
CLASS[46] |= DOT;
CLASS[114] |= LETTER_R;
CLASS[121] |= LETTER_Y;
CLASS[117] |= LETTER_U;
CLASS[100] |= LETTER_D;
CLASS[101] |= LETTER_E;
CLASS[49] |= DIGIT_ONE;
CLASS[115] |= LETTER_S;
CLASS[83] |= LETTER_S;
CLASS[111] |= LETTER_O;
for (const [separator, stemClass] of [
  [45, DASH_STEM_END],
  [95, UNDERSCORE_STEM_END],
] as const) {
  for (const stem of PREFIX_STEMS.get(separator) ?? []) {
    const last = stem.charCodeAt(stem.length - 1);
    CLASS[last] = (CLASS[last] as number) | stemClass;
    if (last >= 97) CLASS[last - 32] = (CLASS[last - 32] as number) | stemClass;
  }
}

const ALWAYS = 0xffff;
// For each character `contextBitsAt` handles, the classes of the character before (or after)
// it that can make it part of a context finding; anything else is not worth the call.
const ASK_IF_BEFORE = new Uint32Array(65536);
const ASK_IF_AFTER = new Uint32Array(65536);
for (const char of '?&<K~%') ASK_IF_BEFORE[char.charCodeAt(0)] = ALWAYS;
for (const char of 'PLCASH') ASK_IF_BEFORE[char.charCodeAt(0)] = NOT_ALPHANUMERIC;
// `password`/`PASSWORD`, `mysqli`, `recovery`, `backup` (see prose-triggers.ts).
ASK_IF_BEFORE[119] = LETTER_S;
ASK_IF_BEFORE[87] = LETTER_S;
ASK_IF_BEFORE[113] = LETTER_S;
ASK_IF_BEFORE[118] = LETTER_O;
ASK_IF_BEFORE[112] = LETTER_U;
ASK_IF_BEFORE[45] = BLANK | DASH_STEM_END; // flags, `glpat-`
ASK_IF_AFTER[45] = LETTER_U; // Mailchimp's `-us21`
ASK_IF_BEFORE[95] = UNDERSCORE_STEM_END | LETTER_D | LETTER_E; // `npm_`, `add_user`, `change_password`
ASK_IF_AFTER[71] = DOT; // `SG.`
ASK_IF_AFTER[58] = SLASH; // `://`
ASK_IF_BEFORE[58] = LETTER_R; // `/user:`
ASK_IF_BEFORE[61] = LETTER_Y; // `AccountKey=`

/**
 * The tables of the trigger loop's `worthAsking` (assembly/trigger-skip.ts), a cheap test before
 * the context question at a non-digit character: for each character `contextBitsAt` handles, the
 * classes of its neighbours that can make it part of a context finding. wasm-scan/character-loop.ts
 * copies them into the loop's memory.
 */
export const WORTH_ASKING_TABLES = {
  contextClass: CLASS,
  askIfBefore: ASK_IF_BEFORE,
  askIfAfter: ASK_IF_AFTER,
} as const;

/**
 * The cheap half of `keywordTypeBefore`: a pair of characters a keyword (or a linking verb)
 * ends with, a few gaps back.
 */
function keywordMayEndBefore(codes: Uint16Array, i: number): boolean {
  let j = i - 1;
  const floor = Math.max(0, i - 5);
  while (j > floor && isKeywordSeparator(codes[j] as number)) j--;
  // Capitals may be the start of the value itself (`QQ 12 34 56 C`).
  const code = at(codes, j);
  if (isUpper(code)) return true;
  // After a `+` the look-back starts one character earlier and may reach one gap further, so
  // only the last character is known there.
  return at(codes, i - 1) === 43 ? mayEndKeyword(code) : mayEndKeywordPair(code, at(codes, j - 1));
}

/** `SK…`, `AC…` (Twilio): a prefix at a token start, then a hex digit. */
function startsHex(codes: Uint16Array, i: number, beforePrefix: number): boolean {
  return isHexLower(codes[i] as number) && !isAlphanumeric(beforePrefix);
}

// A national id has at most 20 characters (keyword-identifiers.ts) and at least five digits.
const ID_WINDOW = 20;
const MIN_ID_DIGITS = 5;

/**
 * Whether the 20 code units from `i` hold five digits in letters and digits joined as a national
 * id's groups are (keyword-identifiers.ts): by `-`, `.` or `/`, or by a space before a digit or a
 * lone capital. That is a national id or a phone whose first group is short (`dni: 12.345.678-Z`,
 * `tin: 12-34-56789`, `nino: 12 34 56`), which the three-digit rule alone would pass over.
 */
function holdsFiveDigits(codes: Uint16Array, i: number): boolean {
  let digits = 0;
  for (let j = i; j < i + ID_WINDOW; j++) {
    const code = codes[j] as number;
    if (isDigit(code)) {
      if (++digits >= MIN_ID_DIGITS) return true;
    } else if (!isLetter(code) && !joinsIdGroups(codes, j)) {
      return false;
    }
  }
  return false;
}

function joinsIdGroups(codes: Uint16Array, j: number): boolean {
  const code = codes[j] as number;
  const next = codes[j + 1] as number;
  if (code === 32) {
    return isDigit(next) || (isUpper(next) && !isAlphanumeric(codes[j + 2] as number));
  }
  return (code === 45 || code === 46 || code === 47) && isAlphanumeric(next);
}

/**
 * `cvv2-123`, `CVC2 123`: the digit at `i` ends a keyword, and a value follows it after
 * separators; the main scan joins both into one digit run, so the value's own start is never
 * visited.
 */
function endsDigitKeyword(codes: Uint16Array, i: number): boolean {
  return (
    isKeywordSeparator(codes[i + 1] as number) &&
    mayEndKeywordWithDigit(codes[i] as number, at(codes, i - 1))
  );
}

/** The first digit of the value after a keyword ending with the digit at `i`, or -1. */
function valueAfterDigitKeyword(codes: Uint16Array, i: number): number {
  if (!endsDigitKeyword(codes, i)) return -1;
  let j = i + 1;
  while (j < i + 5 && isKeywordSeparator(codes[j] as number)) j++;
  return isDigit(codes[j] as number) ? j : -1;
}

/**
 * `gb26…`, `it60…`: two letters at a token start, then two digits and at least the two groups of
 * four the IBAN pattern (iban.ts) needs; an IBAN typed in lower case. Hex ids that open with two
 * letters (`ff48dea9-…`) end before their second group.
 */
function isLowerCaseIbanStart(codes: Uint16Array, i: number): boolean {
  return (
    isLetter(at(codes, i - 2)) &&
    !isAlphanumeric(at(codes, i - 3)) &&
    isDigit(codes[i + 1] as number) &&
    !isDigit(codes[i + 2] as number) &&
    twoIbanGroupsAt(codes, i + 2)
  );
}

/** `(?: ?[A-Za-z0-9]{4}){2}` from `start`, as the IBAN pattern reads it after the check digits. */
function twoIbanGroupsAt(codes: Uint16Array, start: number): boolean {
  let i = start;
  for (let group = 0; group < 2; group++) {
    if (codes[i] === 32) i++;
    for (const end = i + 4; i < end; i++) if (!isAlphanumeric(codes[i] as number)) return false;
  }
  return true;
}

function digitBits(text: string, codes: Uint16Array, i: number): number {
  let bits = 0;
  if (isLowerCaseIbanStart(codes, i)) bits |= Trigger.IBAN_PREFIX;
  const before = at(codes, i - 1, 32);
  // `dapi7f…` (Databricks); one that starts with a hex letter is left to a key before it.
  if (before === 105 && text.startsWith('dap', i - 4)) bits |= Trigger.VENDOR_TOKEN_PREFIX;
  // Keyword values follow a separator, a `+` or (`QQ123456C`) capitals; never a lower-case
  // letter, which rules out the digits inside hex ids before any look-back.
  if (
    (isUpper(before) || (isKeywordSeparator(before) && keywordMayEndBefore(codes, i))) &&
    mayStartValue(codes, i)
  ) {
    if (keywordTypeBefore(text, i) !== undefined) bits |= Trigger.KEYWORD_VALUE;
  }
  const value = valueAfterDigitKeyword(codes, i);
  if (value !== -1 && keywordTypeBefore(text, value) !== undefined) bits |= Trigger.KEYWORD_VALUE;
  if (hasSeparatedGroups(codes, i)) bits |= Trigger.DIGIT_GROUPS;
  return bits | digitRunProseBits(codes, i);
}

/**
 * Every keyword value has three digits in a row, except the grouped UK NINO (`QQ 12 34 56 C`),
 * and ids such as `C01X00T47`, whose first digits follow capitals (or a space after them).
 */
function mayStartValue(codes: Uint16Array, i: number): boolean {
  if (isDigit(codes[i + 1] as number) && isDigit(codes[i + 2] as number)) return true;
  const before = at(codes, i - 1);
  return (
    isUpper(before) || (before === 32 && isUpper(at(codes, i - 2))) || holdsFiveDigits(codes, i)
  );
}

/**
 * Digit groups the main scan does not join: a card written `4111.1111.1111.1111`, with `/`, a
 * tab or two spaces between its groups, or a national phone written `415 555 0132`.
 */
function hasSeparatedGroups(codes: Uint16Array, start: number): boolean {
  if (
    isDigit(codes[start + 3] as number)
      ? isDigit(codes[start + 4] as number)
      : !isDigit(codes[start + 2] as number)
  ) {
    return false;
  }
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
