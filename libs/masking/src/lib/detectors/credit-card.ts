import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';
import { hasKnownIssuer } from '../validators/card-issuers';
import { passesLuhn } from '../validators/luhn';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Group sizes as printed on cards: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, or no grouping. */
function isCardGrouping(sizes: readonly number[]): boolean {
  if (sizes.length === 1) return true;
  if (sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6) {
    return sizes[2] === 5 || sizes[2] === 4;
  }
  return sizes.every((size, index) => size === 4 || (index === sizes.length - 1 && size < 4));
}

function isCard(digits: string, sizes: readonly number[]): boolean {
  return (
    digits.length >= 13 &&
    digits.length <= 19 &&
    isCardGrouping(sizes) &&
    hasKnownIssuer(digits) &&
    passesLuhn(digits)
  );
}

/**
 * Reads the candidate as digit groups joined by one consistent separator (a `.`, `/`, tab,
 * space or `-`, or two spaces) and returns the longest prefix, ending on a group boundary, that
 * is a valid card. `4111 1111 1111 1111 200` keeps the card and leaves the status code alone.
 */
function refineCard(text: string, match: RegExpExecArray): Span | undefined {
  const start = match.index;
  const candidate = match[0];
  const groupEnds: number[] = [];
  const sizes: number[] = [];
  let separator = '';
  let size = 0;
  let digits = '';
  const prefixes: string[] = [];
  for (let i = 0; i <= candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    if (isDigit(code)) {
      size++;
      digits += candidate.charAt(i);
      continue;
    }
    sizes.push(size);
    groupEnds.push(i);
    prefixes.push(digits);
    size = 0;
    if (i === candidate.length) break;
    // One separator character, or the same one twice (`4242  4242`), the same all through.
    const width = candidate.charCodeAt(i + 1) === code ? 2 : 1;
    const current = candidate.slice(i, i + width);
    if ((separator !== '' && current !== separator) || !isDigit(candidate.charCodeAt(i + width))) {
      break;
    }
    separator = current;
    i += width - 1;
  }
  for (let count = groupEnds.length; count > 0; count--) {
    const end = groupEnds[count - 1] ?? 0;
    const after = text.charCodeAt(start + end);
    if (isDigit(after) || ((after | 32) >= 97 && (after | 32) <= 122)) continue;
    if (isCard(prefixes[count - 1] ?? '', sizes.slice(0, count))) {
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
