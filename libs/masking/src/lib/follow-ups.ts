import type { EmitSpan } from './detector';

/** A finding of the detectors' pass, as mask-text.ts keeps it. */
interface Finding {
  type: string;
  start: number;
  end: number;
}

// A value this short (`123`, `admin`) repeats by chance; one this long repeats because it is the same.
const MIN_REPEATED_LENGTH = 6;
// Bounds the extra passes over the text: a line with more findings than this is rare.
const MAX_REPEATED_FINDINGS = 8;

/**
 * A value found once is hidden wherever the text repeats it: `Cleartext password "pw" … [user/pw]`
 * or a bound parameter echoed in a query's argument list. At most MAX_REPEATED_FINDINGS passes.
 */
function maskRepeats(text: string, findings: readonly Finding[], emit: EmitSpan): void {
  const found = findings.slice(0, MAX_REPEATED_FINDINGS);
  for (const { type, start, end } of found) {
    // A short value repeats only as the same quoted literal (`'123'` in a bound-argument list).
    const quote = text.charCodeAt(start - 1);
    const quoted = (quote === 39 || quote === 34) && text.charCodeAt(end) === quote;
    if (end - start < MIN_REPEATED_LENGTH && !quoted) continue;
    const value =
      end - start < MIN_REPEATED_LENGTH ? text.slice(start - 1, end + 1) : text.slice(start, end);
    const inner = value.length === end - start ? 0 : 1;
    for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + value.length)) {
      if (at + inner !== start) emit(type, at + inner, at + value.length - inner);
    }
  }
}

// How far after a card its bound security code may be logged (Hibernate prints one bind a line).
const MAX_COMPANION_DISTANCE = 200;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** A three- or four-digit value at `start` that closes with `close`; its end, or -1. */
function shortCodeEnd(text: string, start: number, close: number): number {
  let end = start;
  while (end - start < 5 && isDigit(text.charCodeAt(end))) end++;
  const length = end - start;
  return (length === 3 || length === 4) && text.charCodeAt(end) === close ? end : -1;
}

/**
 * The security code logged next to a card without a name of its own: the next element of a
 * positional list (`args=('4111…', '341')`) or Hibernate's next bound parameter
 * (`<- [4111…]` … `<- [881]`). Only three or four digits in the same quotes or brackets.
 */
function maskCardCompanions(text: string, findings: readonly Finding[], emit: EmitSpan): void {
  for (const { type, start, end } of findings.slice(0, MAX_REPEATED_FINDINGS)) {
    if (type !== 'CREDIT_CARD') continue;
    const open = text.charCodeAt(start - 1);
    if ((open === 39 || open === 34) && text.charCodeAt(end) === open) {
      let next = end + 1;
      while (next - end <= 4 && (text.charCodeAt(next) === 44 || text.charCodeAt(next) === 32)) {
        next++;
      }
      if (next > end + 1 && text.charCodeAt(next) === open) {
        const codeEnd = shortCodeEnd(text, next + 1, open);
        if (codeEnd !== -1) emit('CARD_SECURITY', next + 1, codeEnd);
      }
    } else if (open === 91 && text.startsWith('<- [', start - 4)) {
      const bind = text.indexOf('<- [', end);
      if (bind !== -1 && bind - end <= MAX_COMPANION_DISTANCE) {
        const codeEnd = shortCodeEnd(text, bind + 4, 93);
        if (codeEnd !== -1) emit('CARD_SECURITY', bind + 4, codeEnd);
      }
    }
  }
}

/** Second looks once the detectors have spoken: repeats of what they found, and card companions. */
export function maskFollowUps(text: string, findings: readonly Finding[], emit: EmitSpan): void {
  maskRepeats(text, findings, emit);
  maskCardCompanions(text, findings, emit);
}
