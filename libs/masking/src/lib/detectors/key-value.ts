import type { Detector, EmitSpan } from '../detector';
import type { SensitiveKeys, SensitiveKeyType } from '../sensitive-keys';
import {
  blankSeparatedKeyAt,
  flagNameEnd,
  namedKeyAt,
  isBlank,
  MAX_BLANKS,
  sqlPasswordKeywordBefore,
} from '../key-syntax';
import { canHoldSecret, isProseAfter, isShellDirectory } from '../secret-value';
import { sensitiveColumnValues } from '../sql-insert';
import { Trigger } from '../triggers';

const BACKSLASH = 92;
const QUOTE = 34;
const APOSTROPHE = 39;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

// Headers whose unquoted value runs to the end of the line: `Cookie: a=1; b=2`.
const WHOLE_LINE_KEYS = /(?:authorization|cookie)$/i;
// Values masked whole before any other detector runs: every part of a cookie is a secret, and a
// `{…}`/`[…]` under a sensitive key may hold values that no other detector would recognise.
const COOKIE_KEYS = /cookie$/i;
// Where an unquoted value ends: blanks, field separators, closing brackets and quotes.
const UNQUOTED_VALUE_END = new Set([32, 9, 10, 13, 38, 44, 59, 34, 39, 41, 93, 125, 60, 62, 124]);

// How far after a `name` field its sibling `value` may sit: a YAML list item, an XML element.
const PAIR_WINDOW = 200;
const SIBLING_VALUE = /(?:^|[^A-Za-z0-9_.-])value["']?[ \t]*[:=][ \t]*(?=["']?)/i;

// `heroku config` and `kubectl describe` align values in a column: `API_KEY:        x`.
const MAX_VALUE_INDENT = 64;

interface Assignment {
  type: SensitiveKeyType;
  keyStart: number;
  keyEnd: number;
  digitsOnly: boolean;
}

interface Value {
  start: number;
  end: number;
}

function keyBefore(text: string, separator: number, keys: SensitiveKeys): Assignment | undefined {
  let keyEnd = separator;
  const floor = Math.max(0, separator - MAX_BLANKS);
  while (keyEnd > floor && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
  // `source[cvc]=737`: a form field nested the PHP/Rails way is named by its innermost key.
  const nested = text.charCodeAt(keyEnd - 1) === 93;
  if (nested) keyEnd--;
  const quote = text.charCodeAt(keyEnd - 1);
  if (quote === QUOTE || quote === APOSTROPHE) {
    keyEnd--;
    if (text.charCodeAt(keyEnd - 1) === BACKSLASH) keyEnd--;
    // `"password "=x`: a blank inside the quotes does not make another key.
    const quoted = keyEnd;
    while (keyEnd > quoted - MAX_BLANKS && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
  }
  const match = keys.matchEndingAt(text, keyEnd);
  // `*v1.Secret:` is a Go type in an error message, `*password` a glob: neither is a key.
  if (match !== undefined && text.charCodeAt(match.keyStart - 1) === 42) return undefined;
  if (nested && match !== undefined && text.charCodeAt(match.keyStart - 1) !== 91) return undefined;
  return (
    match && {
      type: match.type,
      keyStart: match.keyStart,
      keyEnd,
      digitsOnly: match.digitsOnly,
    }
  );
}

/** Index just past the closing quote's partner, honouring backslash escapes; the line end if none. */
function closingQuote(text: string, from: number, quote: number, escapedQuote: boolean): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (escapedQuote) {
      if (code === BACKSLASH && text.charCodeAt(i + 1) === quote) return i;
    } else if (code === BACKSLASH) {
      i++;
    } else if (code === quote) {
      return i;
    }
    if (code === NEWLINE) return i;
  }
  return text.length;
}

/**
 * End of a balanced `{…}`, `[…]` or `(…)` value, skipping brackets inside strings; the text end
 * if unbalanced.
 */
function closingBracket(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = closingQuote(text, i + 1, QUOTE, false);
    } else if (code === 123 || code === 91 || code === 40) {
      depth++;
    } else if (code === 125 || code === 93 || code === 41) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function unquotedEnd(text: string, from: number, wholeLine: boolean): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (wholeLine ? code === NEWLINE || code === CARRIAGE_RETURN : UNQUOTED_VALUE_END.has(code)) {
      break;
    }
    i++;
  }
  return i;
}

/**
 * `+1 415 555 0132`, `4111 1111 1111 1111`: under a key for personal numbers, an unquoted value
 * runs on over single blanks, dashes and dots that join digit groups.
 */
function numberEnd(text: string, end: number): number {
  let i = end;
  for (;;) {
    const glue = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if ((glue !== 32 && glue !== 45 && glue !== 46) || !(isDigit(next) || next === 40)) return i;
    let j = i + 1;
    while (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 40 || text.charCodeAt(j) === 41) {
      j++;
    }
    i = j;
  }
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Index of the first character of the line holding `index`. */
function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

function indentation(text: string, from: number): number {
  let i = from;
  while (isBlank(text.charCodeAt(i))) i++;
  return i - from;
}

/**
 * YAML's value on the next, deeper-indented line (`password:⏎  x`), or a block scalar
 * (`password: >-⏎  x⏎  y`) whose every deeper line is the value. A nested mapping
 * (`credentials:⏎  user: x`) is not a value: its own keys are looked at in turn.
 */
function nextLineValue(text: string, key: Assignment, from: number): Value | undefined {
  let i = from;
  while (isBlank(text.charCodeAt(i))) i++;
  let block = false;
  const indicator = text.charCodeAt(i);
  if (indicator === 124 || indicator === 62) {
    block = true;
    i++;
    const chomp = text.charCodeAt(i);
    if (chomp === 45 || chomp === 43) i++;
    while (isBlank(text.charCodeAt(i))) i++;
  }
  if (text.charCodeAt(i) === CARRIAGE_RETURN) i++;
  if (text.charCodeAt(i) !== NEWLINE) return undefined;
  const keyIndent = indentation(text, lineStart(text, key.keyStart));
  const valueLine = i + 1;
  const valueIndent = indentation(text, valueLine);
  if (valueIndent <= keyIndent) return undefined;
  const start = valueLine + valueIndent;
  let end = unquotedEnd(text, start, true);
  if (!block) {
    const first = text.slice(start, end);
    return /^- |: |:$|^[\w.-]+=/.test(first) ? undefined : { start, end };
  }
  while (text.charCodeAt(end) === NEWLINE || text.charCodeAt(end) === CARRIAGE_RETURN) {
    const next = text.indexOf('\n', end) + 1;
    if (next === 0 || indentation(text, next) <= keyIndent) break;
    end = unquotedEnd(text, next, true);
  }
  return { start, end };
}

function valueAfter(text: string, from: number, wholeLine: boolean): Value {
  let start = from;
  while (
    start < text.length &&
    start - from < MAX_VALUE_INDENT &&
    isBlank(text.charCodeAt(start))
  ) {
    start++;
  }
  const first = text.charCodeAt(start);
  if (first === QUOTE || first === APOSTROPHE) {
    return {
      start: start + 1,
      end: closingQuote(text, start + 1, first, false),
    };
  }
  if (first === BACKSLASH && text.charCodeAt(start + 1) === QUOTE) {
    return {
      start: start + 2,
      end: closingQuote(text, start + 2, QUOTE, true),
    };
  }
  if (first === 123 || first === 91 || first === 40) {
    const end = closingBracket(text, start);
    // `{CLEARTEXT}Summer#2024` (LDAP) is one value that merely opens with a bracket.
    if (end < text.length && !UNQUOTED_VALUE_END.has(text.charCodeAt(end))) {
      return { start, end: unquotedEnd(text, end, wholeLine) };
    }
    return { start, end };
  }
  const end = unquotedEnd(text, start, wholeLine);
  if (start > from && !wholeLine && looksLikeNextField(text.slice(start, end))) {
    return { start, end: start };
  }
  // `password=SHA2('letmein99', 256)`: a function call is one value, arguments included.
  if (end > start + 1 && text.charCodeAt(end - 1) === 40) {
    return { start, end: closingBracket(text, end - 1) };
  }
  return { start, end };
}

/** In `password= user=bob` the text after the blank is the next field, not the password. */
function looksLikeNextField(value: string): boolean {
  // Trailing `=` is base64 padding (`password: S3ViZQ==`), not an assignment.
  return /=[^=]/.test(value) || value.endsWith(':');
}

/** Value of `<password>…</password>`: the text up to the next `<`. */
function xmlValue(text: string, from: number): Value {
  const close = text.indexOf('<', from);
  return { start: from, end: close === -1 ? text.length : close };
}

// Our own placeholders are claimed before any detector runs, which keeps masking idempotent.
function isSecretValue(text: string, value: Value, digitsOnly = false): boolean {
  if (value.end <= value.start) return false;
  return canHoldSecret(text.slice(value.start, value.end).trim(), digitsOnly);
}

/** `pam_unix(passwd:chauthtok)`: a PAM service and management group, not a key and value. */
function isParenthesisedPair(text: string, key: Assignment, value: Value): boolean {
  return text.charCodeAt(key.keyStart - 1) === 40 && text.charCodeAt(value.end) === 41;
}

interface AssignmentOptions {
  /** Emit only blocks (`{…}`, `[…]`, cookie headers), or only everything else. */
  blocks: boolean;
}

function assignmentDetector(keys: SensitiveKeys, { blocks }: AssignmentOptions): Detector {
  function assignmentAt(text: string, i: number, emit: EmitSpan): number {
    const code = text.charCodeAt(i);
    let valueFrom = i + 1;
    if (code === 58 /* : */) {
      const next = text.charCodeAt(i + 1);
      if (next === 58 || next === 47) return i + 1;
      if (next === 61) valueFrom++;
    } else if (code === 61 /* = */) {
      const next = text.charCodeAt(i + 1);
      if (next === 62 || next === 61) valueFrom++;
    }
    // `password -> x`: an arrow is a separator, not the end of an XML tag.
    const arrow = code === 62 && text.charCodeAt(i - 1) === 45;
    const key = keyBefore(text, arrow ? i - 1 : i, keys);
    if (key === undefined) return i + 1;
    let value: Value;
    let isBlock = false;
    if (code === 62 && !arrow) {
      if (key.keyEnd !== i || text.charCodeAt(key.keyStart - 1) !== 60) return i + 1;
      value = xmlValue(text, i + 1);
    } else {
      const keyText = text.slice(key.keyStart, key.keyEnd);
      const wholeLine = code === 58 && WHOLE_LINE_KEYS.test(keyText);
      value =
        (code === 58 ? nextLineValue(text, key, valueFrom) : undefined) ??
        valueAfter(text, valueFrom, wholeLine);
      // `-H 'Authorization: Bearer x'`: a header quoted whole ends at its closing quote; a quoted
      // JSON key (`"Cookie":["a=b"]`) is no such header.
      const opening = text.charCodeAt(key.keyStart - 1);
      const startsBlock =
        text.charCodeAt(value.start) === 91 || text.charCodeAt(value.start) === 123;
      const jsonBlock = startsBlock && text.charCodeAt(key.keyEnd) === opening;
      if (wholeLine && !jsonBlock && (opening === QUOTE || opening === APOSTROPHE)) {
        const close = text.indexOf(String.fromCharCode(opening), value.start);
        if (close !== -1 && close < value.end) value.end = close;
      }
      if (key.digitsOnly && value.end < text.length) value.end = numberEnd(text, value.end);
      const first = text.charCodeAt(value.start);
      isBlock =
        first === 123 || first === 91 || first === 40 || (wholeLine && COOKIE_KEYS.test(keyText));
    }
    const prose =
      (code === 58 &&
        (isProseAfter(text, value.start, value.end) || isParenthesisedPair(text, key, value))) ||
      isShellDirectory(text.slice(key.keyStart, key.keyEnd), text.slice(value.start, value.end));
    // Resuming after a skipped value keeps long runs of non-secrets (`a=*** b=***`) linear.
    if (isBlock !== blocks || prose || !isSecretValue(text, value, key.digitsOnly)) {
      return Math.max(value.end, i + 1);
    }
    emit(key.type, value.start, value.end);
    return value.end;
  }

  /** The sibling `value` of a `name`/`key` field naming a secret (see `namedKeyAt`). */
  function namedValueAt(text: string, i: number, emit: EmitSpan): void {
    const named = namedKeyAt(text, i, keys);
    if (named === undefined) return;
    const window = text.slice(named.nameEnd, named.nameEnd + PAIR_WINDOW);
    const sibling = SIBLING_VALUE.exec(window);
    let value: Value | undefined;
    if (sibling !== null) {
      value = valueAfter(text, named.nameEnd + sibling.index + sibling[0].length, false);
    } else {
      // `<property name="x.password">value</property>`: the element's text is the value.
      const close = /^["']?[^<>\n]{0,80}?>/.exec(window);
      if (close !== null && text.charCodeAt(named.nameEnd + close[0].length) !== 60) {
        value = xmlValue(text, named.nameEnd + close[0].length);
      }
    }
    if (value !== undefined && isSecretValue(text, value, named.digitsOnly)) {
      emit(named.type, value.start, value.end);
    }
  }

  /** `INSERT INTO t (pan, cvv) VALUES ('…', '123')`: values of sensitive columns by position. */
  function columnsAt(text: string, i: number, emit: EmitSpan): number {
    const found = sensitiveColumnValues(text, i, keys);
    if (found === undefined) return i + 1;
    for (const value of found.values) {
      if (isSecretValue(text, value, value.digitsOnly)) emit(value.type, value.start, value.end);
    }
    return Math.max(found.end, i + 1);
  }

  /** `password<TAB>x`: a tab after a sensitive key separates it from its value. */
  function tabAt(text: string, i: number, emit: EmitSpan): number {
    const key = keyBefore(text, i, keys);
    if (key === undefined) return i + 1;
    const value = valueAfter(text, i + 1, false);
    const first = text.charCodeAt(value.start);
    if (first === 61 || first === 58 || !isSecretValue(text, value, key.digitsOnly)) return i + 1;
    emit(key.type, value.start, value.end);
    return value.end;
  }

  function lineAt(text: string, i: number, emit: EmitSpan): void {
    const found = blankSeparatedKeyAt(text, i, keys);
    if (found === undefined) return;
    const value = { start: found.valueStart, end: found.valueEnd };
    if (isSecretValue(text, value, found.digitsOnly)) emit(found.type, value.start, value.end);
  }

  function flagAt(text: string, i: number, emit: EmitSpan): number {
    const nameStart = i + 2;
    const nameEnd = flagNameEnd(text, nameStart);
    const key = nameEnd > nameStart ? keys.matchEndingAt(text, nameEnd, nameStart) : undefined;
    if (key === undefined || key.keyStart !== nameStart || !isBlank(text.charCodeAt(nameEnd))) {
      return Math.max(nameEnd, i + 2);
    }
    const value = {
      start: nameEnd + 1,
      end: unquotedEnd(text, nameEnd + 1, false),
    };
    if (text.charCodeAt(value.start) === 45 || !isSecretValue(text, value)) return nameEnd;
    emit(key.type, value.start, value.end);
    return value.end;
  }

  /** SQL's `WITH PASSWORD 'x'` and `IDENTIFIED BY 'x'`: a key, blanks, then a quoted value. */
  function quotedAfterKeywordAt(text: string, i: number, emit: EmitSpan): number {
    const type = sqlPasswordKeywordBefore(text, i, keys);
    if (type === undefined) return i + 1;
    const value = {
      start: i + 1,
      end: closingQuote(text, i + 1, APOSTROPHE, false),
    };
    if (!isSecretValue(text, value)) return Math.max(value.end, i + 1);
    emit(type, value.start, value.end);
    return value.end;
  }

  return {
    types: ['PASSWORD', 'SECRET'],
    trigger: Trigger.SENSITIVE_KEY,
    find(text, emit) {
      let i = 0;
      if (!blocks) lineAt(text, 0, emit);
      while (i < text.length) {
        const code = text.charCodeAt(i);
        if (code === 61 || code === 58 || code === 62) {
          if (!blocks && code !== 62) namedValueAt(text, i, emit);
          i = assignmentAt(text, i, emit);
        } else if (!blocks && code === NEWLINE) {
          lineAt(text, i + 1, emit);
          i++;
        } else if (!blocks && code === 40) {
          i = columnsAt(text, i, emit);
        } else if (!blocks && code === 9) {
          i = tabAt(text, i, emit);
        } else if (!blocks && code === 45 && text.charCodeAt(i + 1) === 45) {
          i = flagAt(text, i, emit);
        } else if (!blocks && code === APOSTROPHE && isBlank(text.charCodeAt(i - 1))) {
          i = quotedAfterKeywordAt(text, i, emit);
        } else {
          i++;
        }
      }
    },
  };
}

/**
 * `password=…`, `"pwd":"…"`, `?access_token=…`, `api_key: …`, `password => …`,
 * `<password>…</password>`, `--password …` and SQL's `PASSWORD '…'`: the key stays, its value
 * becomes the placeholder. Quoted values end at their closing quote (escapes honoured), anything
 * unterminated at the end of the line, so a cut-off value is still masked. Runs after the
 * specific token detectors, so `token=eyJ…` is reported as the JWT it is.
 */
export function keyValueDetector(keys: SensitiveKeys): Detector {
  return assignmentDetector(keys, { blocks: false });
}

/**
 * The `{…}`/`[…]` value of a sensitive key and the whole value of a cookie header. Runs before
 * every other detector: a token found inside must not leave the rest of the block readable.
 */
export function sensitiveBlockDetector(keys: SensitiveKeys): Detector {
  return assignmentDetector(keys, { blocks: true });
}
