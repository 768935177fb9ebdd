/** Shapes of `key <separator> value`, shared by the trigger scan and the key/value detector. */
import {
  type KeyMatch,
  MAX_KEY_LENGTH,
  type SensitiveKeys,
  type SensitiveKeyType,
} from './sensitive-keys';

export const MAX_BLANKS = 8;
const IDENTIFIED_BY = /identified[ \t]{1,8}by$/i;

export const isBlank = (code: number): boolean => code === 32 || code === 9;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;

export function isKeyChar(code: number): boolean {
  return isDigit(code) || isLetter(code) || code === 95 || code === 45 || code === 46;
}

/**
 * End of the option name in `--name`, or `start` when there is none. Bounded like every key, so
 * a long run of dashes costs one pass, not one pass per dash.
 */
export function flagNameEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (!isDigit(first) && !isLetter(first)) return start;
  const limit = Math.min(text.length, start + MAX_KEY_LENGTH);
  let end = start + 1;
  while (end < limit && isKeyChar(text.charCodeAt(end))) end++;
  return end;
}

/**
 * For an apostrophe after blanks: PASSWORD or SECRET when a sensitive key (SQL's
 * `WITH PASSWORD 'x'`) or MySQL's `IDENTIFIED BY` precedes the blanks.
 */
export function sqlPasswordKeywordBefore(
  text: string,
  apostrophe: number,
  keys: SensitiveKeys,
): SensitiveKeyType | undefined {
  let keyEnd = apostrophe;
  const floor = Math.max(0, apostrophe - MAX_BLANKS);
  while (keyEnd > floor && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
  if (keyEnd === apostrophe) return undefined;
  const key = keys.matchEndingAt(text, keyEnd);
  if (key !== undefined) return key.type;
  return IDENTIFIED_BY.test(text.slice(Math.max(0, keyEnd - 20), keyEnd)) ? 'PASSWORD' : undefined;
}

export interface BlankSeparatedKey extends KeyMatch {
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

const isLineEnd = (code: number): boolean => code === 10 || code === 13 || Number.isNaN(code);

/**
 * A config line `jdbc.password   s3cret` or `db_pass s3cret`: a sensitive key opening the line,
 * blanks, then one token up to the line end. Prose (`Password expired`) is told apart by
 * asking for a config-style key (with `.`, `_` or `-`) or a gap of two blanks.
 */
export function blankSeparatedKeyAt(
  text: string,
  lineStart: number,
  keys: SensitiveKeys,
): BlankSeparatedKey | undefined {
  // Every line of every text comes here, most of them one word (a JSON key, a short value):
  // these first reads stay inside the text, because V8 recompiles a function that once read
  // past its end with a slower load for every read (3× slower here, bench/findings.md).
  const length = text.length;
  let keyStart = lineStart;
  while (
    keyStart < length &&
    keyStart - lineStart < MAX_BLANKS &&
    isBlank(text.charCodeAt(keyStart))
  ) {
    keyStart++;
  }
  // Give up at once unless a word opens the line.
  if (keyStart >= length || !isLetter(text.charCodeAt(keyStart))) return undefined;
  const keyLimit = Math.min(length, keyStart + MAX_KEY_LENGTH);
  let keyEnd = keyStart;
  let configStyle = false;
  while (keyEnd < keyLimit && isKeyChar(text.charCodeAt(keyEnd))) {
    const code = text.charCodeAt(keyEnd);
    if (code === 95 || code === 45 || code === 46) configStyle = true;
    keyEnd++;
  }
  if (keyEnd >= length || !isBlank(text.charCodeAt(keyEnd))) return undefined;
  const key = keys.matchEndingAt(text, keyEnd, keyStart);
  if (key === undefined || key.keyStart !== keyStart) return undefined;
  let valueStart = keyEnd;
  let tab = false;
  while (valueStart - keyEnd < MAX_BLANKS && isBlank(text.charCodeAt(valueStart))) {
    if (text.charCodeAt(valueStart) === 9) tab = true;
    valueStart++;
  }
  // A tab after a key is a separator anywhere on a line; the key/value detector sees it there.
  if (tab || (!configStyle && valueStart - keyEnd < 2)) return undefined;
  let valueEnd = valueStart;
  while (!isLineEnd(text.charCodeAt(valueEnd)) && !isBlank(text.charCodeAt(valueEnd))) valueEnd++;
  if (valueEnd === valueStart) return undefined;
  let lineEnd = valueEnd;
  while (isBlank(text.charCodeAt(lineEnd))) lineEnd++;
  if (!isLineEnd(text.charCodeAt(lineEnd))) return undefined;
  const first = text.charCodeAt(valueStart);
  if (first === 61 || first === 58) return undefined;
  // Field by field: a spread followed by more properties is ≈ 100× slower on Node 20's V8.
  return {
    type: key.type,
    keyStart: key.keyStart,
    digitsOnly: key.digitsOnly,
    keyEnd,
    valueStart,
    valueEnd,
  };
}

export interface NamedKey extends KeyMatch {
  /** Where the name's own value ends; its pair's value is looked for from here. */
  nameEnd: number;
}

// The longest sensitive name worth reading as a value (longer is an identifier or prose).
const MAX_NAME_VALUE = 64;

const lowerAt = (text: string, i: number): number => text.charCodeAt(i) | 32;

/**
 * `name`/`key` as a whole word right before a separator (`name: X`, `key="X"`, `"name":"X"`),
 * read by hand: this runs for every `=` and `:` of every line.
 */
function isNameFieldBefore(text: string, separator: number): boolean {
  let end = separator;
  while (end > separator - MAX_BLANKS && isBlank(text.charCodeAt(end - 1))) end--;
  const quote = text.charCodeAt(end - 1);
  if (quote === 34 || quote === 39) end--;
  let start: number;
  if (lowerAt(text, end - 1) === 101) {
    // …e: `name`
    start = end - 4;
    if (lowerAt(text, start) !== 110 || lowerAt(text, start + 1) !== 97) return false;
    if (lowerAt(text, start + 2) !== 109) return false;
  } else if (lowerAt(text, end - 1) === 121) {
    // …y: `key`
    start = end - 3;
    if (lowerAt(text, start) !== 107 || lowerAt(text, start + 1) !== 101) return false;
  } else {
    return false;
  }
  return start === 0 || !isKeyChar(text.charCodeAt(start - 1));
}

/**
 * `- name: DB_PASSWORD⏎  value: x`, `<add key="ClearTextPassword" value="x"/>`,
 * `{"name":"authorization","value":"Basic x"}`: a setting whose NAME is a sensitive key, given
 * as the value of a `name` or `key` field at `separator`. Its value sits in a sibling field.
 */
export function namedKeyAt(
  text: string,
  separator: number,
  keys: SensitiveKeys,
): NamedKey | undefined {
  if (!isNameFieldBefore(text, separator)) return undefined;
  let start = separator + 1;
  while (start - separator <= MAX_BLANKS && isBlank(text.charCodeAt(start))) start++;
  const quote = text.charCodeAt(start);
  if (quote === 34 || quote === 39) start++;
  let end = start;
  while (end - start < MAX_NAME_VALUE && isKeyChar(text.charCodeAt(end))) end++;
  if (end === start || isKeyChar(text.charCodeAt(end))) return undefined;
  if ((quote === 34 || quote === 39) && text.charCodeAt(end) !== quote) return undefined;
  const key = keys.matchEndingAt(text, end, start);
  if (key === undefined || key.keyStart !== start) return undefined;
  return { type: key.type, keyStart: key.keyStart, digitsOnly: key.digitsOnly, nameEnd: end };
}
