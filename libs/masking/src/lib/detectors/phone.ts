import { regexDetector, type Detector, type Span } from '../detector';
import { Trigger } from '../triggers';

const PHONE_TRIGGERS = Trigger.NUMBER_RUN | Trigger.PHONE_PREFIX;

// E.164 allows at most 15 digits including the country code.
const MAX_INTERNATIONAL_DIGITS = 15;
const MIN_INTERNATIONAL_DIGITS = 8;
// Eleven digits complete nearly every international number, so a further space-separated group
// (`+44 20 7946 0958 200`) is more likely the next field of the log line than part of the number.
const COMPLETE_INTERNATIONAL_DIGITS = 11;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isWordChar = (code: number): boolean =>
  isDigit(code) || ((code | 32) >= 97 && (code | 32) <= 122) || code === 95;

interface GroupEnd {
  end: number;
  digits: number;
  /** Separator that came before this group. */
  separator: number;
}

const isSeparator = (code: number): boolean => code === 32 || code === 45 || code === 46;

/** Splits `+CC groups…` into digit groups, stopping at the first irregular character. */
function internationalGroups(text: string, start: number, limit: number): GroupEnd[] {
  const groups: GroupEnd[] = [];
  let i = text.charCodeAt(start) === 43 ? start + 1 : start + 2;
  let digits = 0;
  let separator = 0;
  let usedParens = false;
  while (i < limit) {
    const code = text.charCodeAt(i);
    const isParenGroup = code === 40;
    if (isParenGroup) {
      const close = text.indexOf(')', i);
      const inner = close - i - 1;
      if (usedParens || close === -1 || close >= limit || inner < 1 || inner > 4) break;
      for (let j = i + 1; j < close; j++) {
        if (!isDigit(text.charCodeAt(j))) return groups;
      }
      usedParens = true;
      digits += inner;
      i = close + 1;
    } else if (isDigit(code)) {
      while (i < limit && isDigit(text.charCodeAt(i))) {
        i++;
        digits++;
      }
    } else {
      break;
    }
    groups.push({ end: i, digits, separator });
    const next = text.charCodeAt(i);
    const afterNext = text.charCodeAt(i + 1);
    if (isSeparator(next) && (isDigit(afterNext) || afterNext === 40)) {
      separator = next;
      i++;
    } else if ((next === 40 && !usedParens) || (isDigit(next) && isParenGroup)) {
      separator = 0;
    } else {
      break;
    }
  }
  return groups;
}

function refineInternational(text: string, match: RegExpExecArray): Span | undefined {
  const start = match.index;
  const groups = internationalGroups(text, start, start + match[0].length);
  let chosen: GroupEnd | undefined;
  for (const group of groups) {
    if (group.digits > MAX_INTERNATIONAL_DIGITS) break;
    if (
      chosen !== undefined &&
      group.separator === 32 &&
      chosen.digits >= COMPLETE_INTERNATIONAL_DIGITS
    ) {
      break;
    }
    chosen = group;
  }
  if (chosen === undefined || chosen.digits < MIN_INTERNATIONAL_DIGITS) return undefined;
  if (isWordChar(text.charCodeAt(chosen.end))) return undefined;
  if (text.charCodeAt(start) !== 43 && !groups.some((group) => group.separator !== 0)) {
    return undefined;
  }
  return { start, end: chosen.end };
}

/** `+44 20 7946 0958`, `+1 (415) 555-0132`, `+91 98765 43210`, `0049 30 123456`. */
const internationalPhone = regexDetector({
  type: 'PHONE',
  trigger: PHONE_TRIGGERS,
  pattern: /(?:(?<![\w+])\+|(?<![\w.+-])00)[1-9][\d .()-]{6,24}/g,
  refine: refineInternational,
});

function refineNorthAmerican(text: string, match: RegExpExecArray): Span | undefined {
  const digits = match[0].replace(/\D/g, '');
  const national = digits.length === 11 ? digits.slice(1) : digits;
  // Area codes and exchanges never start with 0 or 1, which rules out `123-456-7890`-style ids.
  if (national[0] === '0' || national[0] === '1' || national[3] === '0' || national[3] === '1') {
    return undefined;
  }
  return { start: match.index, end: match.index + match[0].length };
}

/**
 * `(415) 555-0132`, `415-555-0132`, `415.555.0132`, `1-800-555-0199`. Space-only groups
 * (`256 512 1024`) are left alone: they are far more often lists of numbers than phones.
 */
const northAmericanPhone = regexDetector({
  type: 'PHONE',
  trigger: PHONE_TRIGGERS,
  pattern:
    /(?<![\w.+-])(?:1[ .-])?(?:\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4})(?![\w]|[.-]\d)/g,
  refine: refineNorthAmerican,
});

// National numbers with a trunk 0 have 9 to 11 digits in the countries that write them grouped.
const MIN_TRUNK_DIGITS = 9;
const MAX_TRUNK_DIGITS = 11;

function refineTrunk(text: string, match: RegExpExecArray): Span | undefined {
  const start = match.index;
  const candidate = match[0];
  let digits = 0;
  let bestEnd = -1;
  for (let i = 0; i <= candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    if (isDigit(code)) {
      digits++;
      continue;
    }
    if (digits > MAX_TRUNK_DIGITS) break;
    if (digits >= MIN_TRUNK_DIGITS) bestEnd = start + i;
  }
  if (bestEnd === -1) return undefined;
  if (isListOfSmallNumbers(text, start, bestEnd)) return undefined;
  const after = text.charCodeAt(bestEnd);
  if (
    isWordChar(after) ||
    ((after === 46 || after === 45) && isDigit(text.charCodeAt(bestEnd + 1)))
  ) {
    return undefined;
  }
  return { start, end: bestEnd };
}

/**
 * `07 15 23 31 38 44`: two-digit groups that go on past the longest phone they could be are a
 * list of numbers (a draw, a matrix row), not a French-style `06 12 34 56 78`.
 */
function isListOfSmallNumbers(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(end) !== 32 || !isDigit(text.charCodeAt(end + 1))) return false;
  const groups = text.slice(start, end).split(/[ -]/);
  return groups.slice(1).every((group) => group.length <= 2);
}

/** `020 7946 0958`, `06 12 34 56 78`, `030 123456`, `0171-1234567`: one separator throughout. */
const trunkPhone = regexDetector({
  type: 'PHONE',
  trigger: PHONE_TRIGGERS,
  pattern: /(?<![\w.+-])0[1-9]\d{0,4}(?: \d{2,8}(?: \d{2,8}){0,3}|-\d{2,8}(?:-\d{2,8}){0,3})/g,
  refine: refineTrunk,
});

/**
 * `415 555 0132`, `(415) 555 0132`: North American numbers in national form with spaces only.
 * Only the exact 3-3-4 shape with valid area code and exchange, and never inside a longer run
 * of space-separated numbers (`1 415 555 0132 7`, `256 512 1024 2048`).
 */
const spacedNorthAmericanPhone = regexDetector({
  type: 'PHONE',
  trigger: Trigger.DIGIT_GROUPS | Trigger.PHONE_PREFIX,
  pattern: /(?<![\w.+-]|\d )(?:\(\d{3}\)|\d{3}) \d{3} \d{4}(?![\w]|[.-]\d| \d)/g,
  refine: refineNorthAmerican,
});

export const phoneDetectors: readonly Detector[] = [
  internationalPhone,
  northAmericanPhone,
  spacedNorthAmericanPhone,
  trunkPhone,
];
