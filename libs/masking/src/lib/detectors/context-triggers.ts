import { Trigger } from '../triggers';
import { keywordTypeBefore } from './keywords';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;
const isUpper = (code: number): boolean => code >= 65 && code <= 90;
const isBlank = (code: number): boolean => code === 32 || code === 9;

/** Characters the main trigger scan hands to `contextBitsAt` besides digits, `:`, `-`, `%`, `A`. */
export const CONTEXT_CHARACTERS = '?&<PLC';

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
    case 45: // -, a flag or `ConvertTo-SecureString`
      return (isBlank(codes[i - 1] ?? 32) && isLetter(codes[i + 1] as number)) ||
        text.startsWith('SecureString', i + 1)
        ? Trigger.COMMAND
        : 0;
    case 95: // _, in `rabbitmqctl add_user` and `change_password`
      return text.startsWith('add_user', i - 3) || text.startsWith('change_password', i - 6)
        ? Trigger.COMMAND
        : 0;
    default:
      return isProtocolWord(text, codes, i) ? Trigger.COMMAND : 0;
  }
}

function isProtocolWord(text: string, codes: Uint16Array, i: number): boolean {
  if (isLetter(codes[i - 1] ?? 0) || !isUpper(codes[i + 1] as number)) return false;
  for (const word of PROTOCOL_WORDS) {
    if (text.startsWith(word, i) && !isLetter(codes[i + word.length] as number)) return true;
  }
  return false;
}

function digitBits(text: string, codes: Uint16Array, i: number): number {
  let bits = 0;
  const before = codes[i - 1] ?? 32;
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
