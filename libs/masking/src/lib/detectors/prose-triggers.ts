import { Trigger } from '../triggers';

/**
 * The necessary conditions of the running-text detectors (prose-credentials.ts,
 * addressed-numbers.ts), asked by the context pass at characters its cheap tables already let
 * through: a `w`/`W` after `s` (`password`, `passwd`), a `v` after `o` (`recovery`), a `p`
 * after `u` (`backup`), a `q` after `s` (`mysqli`), a `P` at a word start (`PIN`, `PDO`), and
 * the start of a digit run. Like every trigger they must never under-report.
 */

const lower = (code: number): number => code | 32;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => lower(code) >= 97 && lower(code) <= 122;
const isNameChar = (code: number): boolean => isDigit(code) || isLetter(code) || code === 95;

/** `word` ends at `end` (exclusive), compared without case. */
function endsWithIgnoringCase(text: string, end: number, word: string): boolean {
  const start = end - word.length;
  if (start < 0) return false;
  for (let k = 0; k < word.length; k++) {
    if (lower(text.charCodeAt(start + k)) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** For the letter at `i` (one of `w W v p q P`), the PROSE bit when it sits in a trigger word. */
export function proseBitsAt(text: string, codes: Uint16Array, i: number): number {
  switch (codes[i]) {
    case 119:
    case 87: // `passw` of `password`, `passwd`
      return endsWithIgnoringCase(text, i + 1, 'passw') ? Trigger.PROSE : 0;
    case 118: // `recov`
      return endsWithIgnoringCase(text, i + 1, 'recov') ? Trigger.PROSE : 0;
    case 112: // `backup`
      return endsWithIgnoringCase(text, i + 1, 'backup') ? Trigger.PROSE : 0;
    case 113: // `mysq`
      return text.startsWith('mysq', i - 3) ? Trigger.PROSE : 0;
    case 80: // `PIN` or `PDO` as a word
      return (text.startsWith('PIN', i) || text.startsWith('PDO', i)) &&
        !isNameChar(codes[i + 3] as number)
        ? Trigger.PROSE
        : 0;
    default:
      return 0;
  }
}

/**
 * At the first digit of a run (which has at least three digits, see `digitRunMayMatter` in assembly/trigger-skip.ts):
 * PROSE after a `*` (a USSD string, `*144*1*4321#`), and BARE_DIGITS when the run has 9 to 15
 * digits, no `-` glues it to what precedes and no letter, digit or `_` follows it. A run starting with `1` counts only with 9
 * digits (an SSN) or 11 (a North American number): the 10- and 13-digit Unix times in nearly
 * every JSON log line start with `1` and can be neither.
 */
export function digitRunProseBits(codes: Uint16Array, i: number): number {
  let bits = i > 0 && codes[i - 1] === 42 ? Trigger.PROSE : 0;
  let end = i;
  while (end - i < 16 && isDigit(codes[end] as number)) end++;
  const length = end - i;
  const unixTimeLike = codes[i] === 49 && length !== 9 && length !== 11;
  // After a `-` the run is the last group of a UUID or an id, never a number standing alone.
  const glued = i > 0 && codes[i - 1] === 45;
  if (length >= 9 && length <= 15 && !unixTimeLike && !glued && !isNameChar(codes[end] as number)) {
    bits |= Trigger.BARE_DIGITS;
  }
  return bits;
}
