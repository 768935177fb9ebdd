import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';
import { hasKnownIssuer } from '../validators/card-issuers';
import { passesLuhn } from '../validators/luhn';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Group sizes as printed on cards: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, or no grouping. */
function isCardGrouping(sizes: Int32Array, count: number): boolean {
  if (count === 1) return true;
  if (count === 3 && sizes[0] === 4 && sizes[1] === 6) {
    return sizes[2] === 5 || sizes[2] === 4;
  }
  for (let index = 0; index < count; index++) {
    const size = sizes[index] as number;
    if (size !== 4 && !(index === count - 1 && size < 4)) return false;
  }
  return true;
}

function isCard(digits: string, sizes: Int32Array, count: number): boolean {
  return (
    digits.length >= 13 &&
    digits.length <= 19 &&
    isCardGrouping(sizes, count) &&
    hasKnownIssuer(digits) &&
    passesLuhn(digits)
  );
}

/** The candidate's digits, in order (it holds only digits and separators). */
function digitsOf(candidate: string): string {
  let digits = '';
  for (let i = 0; i < candidate.length; i++) {
    if (isDigit(candidate.charCodeAt(i))) digits += candidate.charAt(i);
  }
  return digits;
}

// The pattern's candidates are at most 36 characters, so at most 19 groups. The groups of one
// candidate are read into these and used before the next: refineCard runs to its end each time.
const MAX_GROUPS = 19;
const groupEnds = new Int32Array(MAX_GROUPS);
const groupSizes = new Int32Array(MAX_GROUPS);
const digitsBefore = new Int32Array(MAX_GROUPS);

/**
 * Reads the candidate as digit groups joined by one consistent separator (a `.`, `/`, tab,
 * space or `-`, or two spaces) and returns the longest prefix, ending on a group boundary, that
 * is a valid card. `4111 1111 1111 1111 200` keeps the card and leaves the status code alone.
 * Groups are counted in place; the digits become one string, and each prefix a slice of it,
 * only for the group ends that can end a card.
 */
function refineCard(text: string, match: RegExpExecArray): Span | undefined {
  const start = match.index;
  const candidate = match[0];
  let groups = 0;
  let separator = -1;
  let width = 0;
  let size = 0;
  let digitCount = 0;
  for (let i = 0; i <= candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    if (isDigit(code)) {
      size++;
      digitCount++;
      continue;
    }
    groupSizes[groups] = size;
    groupEnds[groups] = i;
    digitsBefore[groups] = digitCount;
    groups++;
    size = 0;
    if (i === candidate.length || groups === MAX_GROUPS) break;
    // One separator character, or the same one twice (`4242  4242`), the same all through.
    const currentWidth = candidate.charCodeAt(i + 1) === code ? 2 : 1;
    const differs = separator !== -1 && (code !== separator || currentWidth !== width);
    if (differs || !isDigit(candidate.charCodeAt(i + currentWidth))) break;
    separator = code;
    width = currentWidth;
    i += currentWidth - 1;
  }
  let digits: string | undefined;
  for (let count = groups; count > 0; count--) {
    const end = groupEnds[count - 1] as number;
    const after = text.charCodeAt(start + end);
    if (isDigit(after) || ((after | 32) >= 97 && (after | 32) <= 122)) continue;
    const length = digitsBefore[count - 1] as number;
    if (length < 13 || length > 19) continue;
    digits ??= digitsOf(candidate);
    if (isCard(digits.slice(0, length), groupSizes, count)) {
      return { start, end: start + end };
    }
  }
  return undefined;
}

/**
 * 13 to 19 digits, Luhn-valid, with a known issuer prefix (including Mastercard 2-series),
 * unbroken or in printed groups (see `refineCard`). At most two separator characters sit
 * between groups, so the candidate stays bounded.
 */
export const creditCardDetector = regexDetector({
  type: 'CREDIT_CARD',
  trigger: Trigger.NUMBER_RUN | Trigger.DIGIT_GROUPS,
  pattern: /(?<![\w.+/-])\d[\d ./\t-]{11,34}\d/g,
  refine: refineCard,
});
