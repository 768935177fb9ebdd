import { isBlank } from './key-syntax';
import type { KeyMatch, SensitiveKeys } from './sensitive-keys';

/** A value of a sensitive column in `INSERT … (cols) VALUES (vals)`. */
export interface ColumnValue extends KeyMatch {
  start: number;
  end: number;
}

// Beyond these a list is not a logged statement worth reading column by column.
const MAX_COLUMNS = 64;
const MAX_NAME = 64;
const MAX_GAP = 64;

const QUOTE = 34;
const APOSTROPHE = 39;
const BACKTICK = 96;

const isSpace = (code: number): boolean => isBlank(code) || code === 10 || code === 13;
const isNameChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122) || code === 95;

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i - from < MAX_GAP && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The column names of a list opening at `open` (`(` after a table name), or undefined when it
 * is not a plain list of (optionally quoted) identifiers. Stops at the first character that
 * cannot be in such a list, so every `(` starts at most one short read.
 */
function columnsAt(text: string, open: number): { names: string[]; close: number } | undefined {
  const names: string[] = [];
  let i = open + 1;
  for (;;) {
    i = skipSpace(text, i);
    const quote = text.charCodeAt(i);
    const quoted = quote === QUOTE || quote === BACKTICK || quote === 91;
    if (quoted) i++;
    const start = i;
    while (i - start < MAX_NAME && isNameChar(text.charCodeAt(i))) i++;
    if (i === start) return undefined;
    names.push(text.slice(start, i));
    if (quoted) {
      const closing = quote === 91 ? 93 : quote;
      if (text.charCodeAt(i) !== closing) return undefined;
      i++;
    }
    i = skipSpace(text, i);
    const next = text.charCodeAt(i);
    if (next === 41) return { names, close: i };
    if (next !== 44 || names.length >= MAX_COLUMNS) return undefined;
    i++;
  }
}

/** The value at `from` in a VALUES list: a quoted string (inside its quotes) or a bare token. */
function valueAt(text: string, from: number): { start: number; end: number; next: number } {
  const first = text.charCodeAt(from);
  if (first === APOSTROPHE || first === QUOTE) {
    let i = from + 1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 92) {
        i += 2;
        continue;
      }
      if (code === first) {
        if (text.charCodeAt(i + 1) !== first) break;
        i += 2;
        continue;
      }
      i++;
    }
    return { start: from + 1, end: Math.min(i, text.length), next: i + 1 };
  }
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 44 || code === 41 || isSpace(code)) break;
    i++;
  }
  return { start: from, end: i, next: i };
}

/**
 * `INSERT INTO cards (user_id, pan, cvv) VALUES (91, '4111…', '902')`: the values of the
 * sensitive columns, matched by position. `open` is the `(` of the column list. Returns the
 * values found and where reading stopped.
 */
export function sensitiveColumnValues(
  text: string,
  open: number,
  keys: SensitiveKeys,
): { values: ColumnValue[]; end: number } | undefined {
  const list = columnsAt(text, open);
  if (list === undefined) return undefined;
  const sensitive = list.names.map((name) => keys.match(name));
  if (sensitive.every((match) => match === undefined)) return undefined;
  let i = skipSpace(text, list.close + 1);
  if (text.slice(i, i + 6).toUpperCase() !== 'VALUES') return undefined;
  i = skipSpace(text, i + 6);
  if (text.charCodeAt(i) !== 40) return undefined;
  const values: ColumnValue[] = [];
  for (let column = 0; column < list.names.length; column++) {
    i = skipSpace(text, i + 1);
    const value = valueAt(text, i);
    const match = sensitive[column];
    if (match !== undefined) values.push({ ...match, start: value.start, end: value.end });
    i = skipSpace(text, value.next);
    if (text.charCodeAt(i) !== 44) break;
  }
  return { values, end: i };
}
