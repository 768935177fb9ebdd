import type { Detector } from '../detector';
import { Trigger } from '../triggers';

const MAX_LOCAL_PART = 64;
const MAX_DOMAIN = 253;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;

// Suffixes that look like a TLD but are file types or systemd units: `logo@2x.png`,
// `user@1000.service`. None of them is a delegated top-level domain.
const NOT_TLDS = new Set([
  'service',
  'socket',
  'target',
  'mount',
  'automount',
  'timer',
  'slice',
  'scope',
  'path',
  'device',
  'swap',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'css',
  'js',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'jsx',
  'map',
  'json',
  'html',
  'htm',
  'txt',
  'log',
  'yaml',
  'yml',
  'xml',
  'conf',
  'lock',
  'tgz',
  'gz',
]);

function isAsciiLocalChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 46 || // .
    code === 95 || // _
    code === 37 || // %
    code === 43 || // +
    code === 45 // -
  );
}

function isAsciiLabelChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 45
  );
}

/** Width in code units (1 or 2) of the letter or digit ending at `index`, or 0 if there is none. */
function letterWidthEndingAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 0xdc00 && code <= 0xdfff && index > 0) {
    const high = text.charCodeAt(index - 1);
    if (high >= 0xd800 && high <= 0xdbff) {
      return LETTER_OR_DIGIT.test(text.slice(index - 1, index + 1)) ? 2 : 0;
    }
    return 0;
  }
  return LETTER_OR_DIGIT.test(text[index] ?? '') ? 1 : 0;
}

/** Width in code units of the letter or digit starting at `index`, or 0. */
function letterWidthStartingAt(text: string, index: number): number {
  const codePoint = text.codePointAt(index);
  if (codePoint === undefined || codePoint < 128) return 0;
  const width = codePoint > 0xffff ? 2 : 1;
  return LETTER_OR_DIGIT.test(text.slice(index, index + width)) ? width : 0;
}

function localPartStart(text: string, at: number): number {
  let start = at;
  const floor = Math.max(0, at - MAX_LOCAL_PART);
  while (start > floor) {
    const code = text.charCodeAt(start - 1);
    if (code < 128) {
      if (!isAsciiLocalChar(code)) break;
      start--;
    } else {
      const width = letterWidthEndingAt(text, start - 1);
      if (width === 0 || start - width < floor) break;
      start -= width;
    }
  }
  while (start < at && text.charCodeAt(start) === 46) start++;
  return start;
}

/**
 * Start of an RFC 5322 quoted local part (`"john doe"@…`, `"john..doe"@…`) ending just before
 * `at`, or `at` when there is none. Bounded like any local part; the opening quote must not be
 * glued to a word, so `key="value"@…` in a config line is not read as an address.
 */
function quotedLocalPartStart(text: string, at: number): number {
  if (text.charCodeAt(at - 1) !== 34) return at;
  const floor = Math.max(0, at - 2 - MAX_LOCAL_PART);
  for (let i = at - 2; i >= floor; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return at;
    if (code !== 34 || text.charCodeAt(i - 1) === 92) continue;
    const before = text.charCodeAt(i - 1);
    const glued = isAsciiLabelChar(before) || before === 61;
    return i < at - 2 && !glued ? i : at;
  }
  return at;
}

function isTopLevelDomain(label: string): boolean {
  if (label.startsWith('xn--')) return label.length > 4;
  if (label.length < 2 || NOT_TLDS.has(label.toLowerCase())) return false;
  for (const char of label) {
    const code = char.charCodeAt(0);
    const asciiLetter = (code | 32) >= 97 && (code | 32) <= 122;
    if (!asciiLetter && (code < 128 || !LETTER_OR_DIGIT.test(char))) return false;
  }
  return true;
}

/** End of a dotted domain starting at `from`, or -1 when there is none. */
function domainEnd(text: string, from: number): number {
  let end = from;
  const limit = Math.min(text.length, from + MAX_DOMAIN);
  while (end < limit) {
    const code = text.charCodeAt(end);
    if (code < 128) {
      if (!isAsciiLabelChar(code) && code !== 46) break;
      end++;
    } else {
      const width = letterWidthStartingAt(text, end);
      if (width === 0) break;
      end += width;
    }
  }
  while (end > from && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) {
    end--;
  }
  // At least two labels and none empty, read in place: no substring per label.
  let lastDot = -1;
  for (let i = from; i < end; i++) {
    if (text.charCodeAt(i) !== 46) continue;
    if (i === from || (lastDot !== -1 && i === lastDot + 1)) return -1;
    lastDot = i;
  }
  if (lastDot === -1 || lastDot === end - 1) return -1;
  return isTopLevelDomain(text.slice(lastDot + 1, end)) ? end : -1;
}

/**
 * The `@` signs of a text, and `%40` (an `@` percent-encoded in a URL), in order. Each kind is
 * searched for once per occurrence, so a text full of one kind does not make every step
 * rescan the rest of the text for the other.
 */
class AtSigns {
  private plain: number;
  private encoded: number;

  constructor(private readonly text: string) {
    this.plain = text.indexOf('@');
    this.encoded = text.indexOf('%40');
  }

  /** The next sign at or after `from`, or undefined. */
  next(from: number): { at: number; width: number } | undefined {
    if (this.plain !== -1 && this.plain < from) this.plain = this.text.indexOf('@', from);
    if (this.encoded !== -1 && this.encoded < from) this.encoded = this.text.indexOf('%40', from);
    const { plain, encoded } = this;
    if (encoded !== -1 && (plain === -1 || encoded < plain)) return { at: encoded, width: 3 };
    return plain === -1 ? undefined : { at: plain, width: 1 };
  }
}

/**
 * Finds addresses by their `@` and walks outwards, which is linear and handles IDN and
 * uppercase addresses without a Unicode-wide regex. Needs a dotted domain whose last label is
 * alphabetic, so `user@host`, `pkg@1.2.3` and `user@1000.service` are not addresses.
 */
export const emailDetector: Detector = {
  types: ['EMAIL'],
  trigger: Trigger.AT_SIGN,
  find(text, emit) {
    let resumeAt = 0;
    const signs = new AtSigns(text);
    for (let sign = signs.next(0); sign !== undefined; sign = signs.next(sign.at + 1)) {
      if (sign.at < resumeAt) continue;
      const plain = localPartStart(text, sign.at);
      const start = plain === sign.at ? quotedLocalPartStart(text, sign.at) : plain;
      if (start === sign.at) continue;
      const end = domainEnd(text, sign.at + sign.width);
      if (end === -1) continue;
      emit('EMAIL', start, end);
      resumeAt = end;
    }
  },
};
