import type { Detector, EmitSpan } from '../detector';
import { KEY_FAMILIES } from '../sensitive-key-families';
import type { KeyMatch, SensitiveKeys } from '../sensitive-keys';
import { Trigger } from '../triggers';
import { isPlaceholderValue } from './placeholder-values';

/**
 * Values that ORMs and database drivers log apart from their column: the statement holds
 * placeholders (`?`, `$1`) and a bind list follows it. Each placeholder is paired with the column
 * it is compared with or inserted into, and the bound value at its position is masked when that
 * column is a sensitive key:
 * - Rails: `[["unlock_token", "…"], ["id", 77]]` (name/value pairs, no pairing needed);
 * - Laravel: `"sql":"… \`remember_token\` = ? …","bindings":["…",12]`;
 * - Doctrine: `(email, msisdn) VALUES (?, ?) (parameters: array{"1":"…","2":"…"}` and
 *   `"params":{"1":…}` (numbered from 0 or 1, whichever the list starts with);
 * - Prisma: `("sessionToken",…) VALUES ($1,…) -- params: ["…",…]`.
 */

// Beyond these a statement or list is not one logged query worth reading value by value.
const MAX_SEGMENT = 8192;
const MAX_NAME = 64;
const MAX_ELEMENTS = 256;
const MAX_GAP = 4;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isNameChar = (code: number): boolean =>
  isDigit(code) || ((code | 32) >= 97 && (code | 32) <= 122) || code === 95;
const isBlank = (code: number): boolean => code === 32 || code === 9;
const isQuote = (code: number): boolean => code === 34 || code === 39 || code === 96;

/** Rails' `["name", value]` pair; group 1 is the name, the value starts after the match. */
const RAILS_PAIR = /\[[ \t]?"([A-Za-z_][A-Za-z0-9_.]{0,63})",[ \t]?/g;

/**
 * The opening of a bind list: `"bindings":[`, `params: [`, `parameters: array{`, `"params":{`,
 * `binds=[`. Group 1 is the bracket.
 */
const BIND_LIST =
  /(?<![A-Za-z0-9_])"?(?:bindings|params|parameters|binds)"?[ \t]{0,2}[:=][ \t]{0,2}(?:array)?([[{])/gi;

/** `(cols) VALUES (vals)`: group 1 the column list, group 2 the value list. */
const INSERT_LISTS = /\(([^()\n]{1,2048})\)[ \t]{0,4}VALUES[ \t]{0,4}\(([^()\n]{1,2048})\)/gi;

interface Placeholder {
  at: number;
  ordinal: number;
}

/** A quoted string (inside its quotes) or a bare token ending at `,`, `]`, `}` or a blank. */
function valueAt(text: string, from: number): { start: number; end: number; next: number } {
  const quote = text.charCodeAt(from);
  if (quote === 34 || quote === 39) {
    let i = from + 1;
    while (i < text.length && text.charCodeAt(i) !== quote) i += text.charCodeAt(i) === 92 ? 2 : 1;
    const end = Math.min(i, text.length);
    return { start: from + 1, end, next: end + 1 };
  }
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 44 || code === 93 || code === 125 || code === 41 || isBlank(code)) break;
    i++;
  }
  return { start: from, end: i, next: i };
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i - from < MAX_GAP && isBlank(text.charCodeAt(i))) i++;
  return i;
}

function emitValue(
  text: string,
  match: KeyMatch,
  value: { start: number; end: number },
  emit: EmitSpan,
): void {
  const raw = text.slice(value.start, value.end);
  if (isPlaceholderValue(raw) || raw === 'null' || raw === 'NULL') return;
  if (match.digitsOnly && !/\d/.test(raw)) return;
  emit(match.type, value.start, value.end);
}

function findRailsPairs(text: string, keys: SensitiveKeys, emit: EmitSpan): void {
  RAILS_PAIR.lastIndex = 0;
  for (let pair = RAILS_PAIR.exec(text); pair !== null; pair = RAILS_PAIR.exec(text)) {
    const match = keys.match(pair[1] as string);
    if (match === undefined) continue;
    const value = valueAt(text, pair.index + pair[0].length);
    if (text.charCodeAt(value.next) === 93) emitValue(text, match, value, emit);
  }
}

/**
 * The placeholders of the statement in `[from, to)`, numbered: `$n` by its number, `?` by its
 * position. A `?` counts only where SQL puts one (after `=`, `(`, `,` or a blank, before `,`,
 * `)`, a blank, a quote or the end), so the `?` of a URL is not taken for one.
 */
function placeholdersIn(text: string, from: number, to: number): Placeholder[] {
  const found: Placeholder[] = [];
  let questionMarks = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 63) {
      const before = text.charCodeAt(i - 1);
      const after = text.charCodeAt(i + 1);
      const opens = before === 61 || before === 40 || before === 44 || isBlank(before);
      const closes =
        after === 44 || after === 41 || isBlank(after) || isQuote(after) || i + 1 >= to;
      if (opens && closes) found.push({ at: i, ordinal: ++questionMarks });
    } else if (
      code === 36 &&
      isDigit(text.charCodeAt(i + 1)) &&
      !isNameChar(text.charCodeAt(i - 1))
    ) {
      let end = i + 1;
      while (end < i + 4 && isDigit(text.charCodeAt(end))) end++;
      found.push({ at: i, ordinal: Number(text.slice(i + 1, end)) });
    }
  }
  return found;
}

/** The column a placeholder is compared with: `col = ?`, `"t"."col" = $2`, `col LIKE ?`. */
function comparedColumn(text: string, at: number, floor: number): string | undefined {
  let i = at - 1;
  while (i > floor && at - i <= MAX_GAP && isBlank(text.charCodeAt(i))) i--;
  if (text.charCodeAt(i) === 61) {
    i--;
    if (text.charCodeAt(i) === 33 || text.charCodeAt(i) === 60 || text.charCodeAt(i) === 62) i--;
  } else if (text.slice(i - 3, i + 1).toUpperCase() === 'LIKE') {
    i -= 4;
  } else {
    return undefined;
  }
  const gapEnd = i;
  while (i > floor && gapEnd - i < MAX_GAP && isBlank(text.charCodeAt(i))) i--;
  if (isQuote(text.charCodeAt(i)) || text.charCodeAt(i) === 93) i--;
  const end = i + 1;
  while (i >= floor && end - i <= MAX_NAME && isNameChar(text.charCodeAt(i))) i--;
  return end > i + 1 ? text.slice(i + 1, end) : undefined;
}

/** The column each placeholder of `(cols) VALUES (?, $2, …)` in `[from, to)` is inserted into. */
function insertedColumns(text: string, from: number, to: number): Map<number, string> {
  const columns = new Map<number, string>();
  const statement = text.slice(from, to);
  INSERT_LISTS.lastIndex = 0;
  for (
    let lists = INSERT_LISTS.exec(statement);
    lists !== null;
    lists = INSERT_LISTS.exec(statement)
  ) {
    const names = (lists[1] as string)
      .split(',')
      .map((name) => name.trim().replace(/^["`[]|["`\]]$/g, ''));
    const valuesStart = from + lists.index + lists[0].length - 1 - (lists[2] as string).length;
    let offset = 0;
    (lists[2] as string).split(',').forEach((value, index) => {
      const lead = value.length - value.trimStart().length;
      const name = names[index];
      if (name !== undefined) columns.set(valuesStart + offset + lead, name);
      offset += value.length + 1;
    });
  }
  return columns;
}

/**
 * The elements of the list opening at `open`, with their 1-based positions: `[a, b]` by order,
 * `{"1": a, "2": b}` by key (a list numbered from 0 is shifted to 1). Returns where it ended.
 */
function bindElements(
  text: string,
  open: number,
): { elements: { ordinal: number; start: number; end: number }[]; end: number } {
  const elements: { ordinal: number; start: number; end: number }[] = [];
  const keyed = text.charCodeAt(open) === 123;
  let i = open + 1;
  let base: number | undefined;
  for (let position = 1; position <= MAX_ELEMENTS; position++) {
    i = skipBlanks(text, i);
    let ordinal = position;
    if (keyed) {
      const key = valueAt(text, i);
      const number = Number(text.slice(key.start, key.end));
      i = skipBlanks(text, key.next);
      if (!Number.isInteger(number) || text.charCodeAt(i) !== 58) break;
      i = skipBlanks(text, i + 1);
      base ??= number === 0 ? 1 : 0;
      ordinal = number + base;
    }
    const first = text.charCodeAt(i);
    if (first === 91 || first === 123 || first === 93 || first === 125) break;
    const value = valueAt(text, i);
    elements.push({ ordinal, start: value.start, end: value.end });
    i = skipBlanks(text, value.next);
    if (text.charCodeAt(i) !== 44) break;
    i++;
  }
  return { elements, end: i };
}

function findBindLists(text: string, keys: SensitiveKeys, emit: EmitSpan): void {
  let statementStart = 0;
  BIND_LIST.lastIndex = 0;
  for (let list = BIND_LIST.exec(text); list !== null; list = BIND_LIST.exec(text)) {
    const open = list.index + list[0].length - 1;
    const from = Math.max(statementStart, open - MAX_SEGMENT);
    const inserted = insertedColumns(text, from, open);
    const columns = new Map<number, KeyMatch>();
    for (const placeholder of placeholdersIn(text, from, open)) {
      const name = inserted.get(placeholder.at) ?? comparedColumn(text, placeholder.at, from);
      const match = name === undefined ? undefined : keys.match(name);
      if (match !== undefined) columns.set(placeholder.ordinal, match);
    }
    const { elements, end } = bindElements(text, open);
    for (const element of elements) {
      const match = columns.get(element.ordinal);
      if (match !== undefined) emitValue(text, match, element, emit);
    }
    statementStart = Math.max(end, open + 1);
    BIND_LIST.lastIndex = statementStart;
  }
}

const FAMILY_TYPES = [...new Set(KEY_FAMILIES.flatMap((family) => family.types))];

/** See the file comment. Every pairing needs a sensitive column name before the values. */
export function bindParameterDetector(keys: SensitiveKeys): Detector {
  return {
    types: FAMILY_TYPES,
    trigger: Trigger.SENSITIVE_KEY,
    find(text, emit) {
      findRailsPairs(text, keys, emit);
      findBindLists(text, keys, emit);
    },
  };
}
