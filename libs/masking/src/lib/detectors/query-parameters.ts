import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';
import { isPlaceholderValue } from './placeholder-values';
import { WordTrie } from './word-trie';

type QueryType = 'PASSWORD' | 'SECRET' | 'PHONE' | 'EMAIL';

/**
 * Query parameter names, lower-cased with `_`, `-` and `.` removed (`api_key`, `X-Amz-Signature`),
 * by what their value is. Names that are also ordinary words (`key`, `code`, `t`, `to`) only count
 * when the value has the shape of what they carry (see `acceptsValue`).
 */
const PARAMETERS: Readonly<Record<QueryType, readonly string[]>> = {
  PASSWORD: ['password', 'passwd', 'pass', 'pwd', 'pw'],
  SECRET: [
    'key',
    'apikey',
    'token',
    'accesstoken',
    'refreshtoken',
    'idtoken',
    'authtoken',
    'auth',
    'sig',
    'signature',
    'xamzsignature',
    'xamzsecuritytoken',
    'xgoogsignature',
    'code',
    't',
    'secret',
    'clientsecret',
    'sessionid',
    'session',
    'otp',
    'pin',
  ],
  PHONE: ['phone', 'phonenumber', 'mobile', 'msisdn', 'tel', 'to', 'from', 'recipient'],
  EMAIL: ['email', 'mail', 'emailaddress'],
};

const TYPE_OF = new WordTrie<QueryType>(
  (Object.entries(PARAMETERS) as [QueryType, readonly string[]][]).flatMap(([type, names]) =>
    names.map((name) => [name, type] as const),
  ),
);
const isNameJoiner = (code: number): boolean => code === 95 || code === 45 || code === 46;

// Generic names (`key`, `code`, `t`) carry secrets of at least this many characters.
const MIN_GENERIC_SECRET = 16;
const GENERIC_SECRET_NAMES = new Set(['key', 'code', 't', 'auth', 'session', 'sig']);
const MAX_NAME = 40;
const MAX_VALUE = 2048;
const PHONE_VALUE = /^(?:%2[Bb]|\+)?\d(?:(?:%20|[ .-])?\d){6,14}$/;
const EMAIL_VALUE = /^[^@%\s]{1,64}(?:@|%40|%2540)[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}$/;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;

/** `?`, `&`, `;` or their encoded forms `%3F`, `%26`: the length of the separator at `i`, or 0. */
function separatorLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code === 63 || code === 38) return 1;
  if (code !== 37) return 0;
  const high = text.charCodeAt(i + 1);
  const low = text.charCodeAt(i + 2) | 32;
  return (high === 51 && low === 102) || (high === 50 && low === 54) ? 3 : 0;
}

/** `=` or `%3D`: its length at `i`, or 0. */
function equalsLength(text: string, i: number): number {
  if (text.charCodeAt(i) === 61) return 1;
  return text.charCodeAt(i) === 37 &&
    text.charCodeAt(i + 1) === 51 &&
    (text.charCodeAt(i + 2) | 32) === 100
    ? 3
    : 0;
}

/** Where a value ends: the next separator (raw or encoded), a blank, a quote or a bracket. */
function valueEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_VALUE);
  for (let i = start; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (
      code <= 32 ||
      code === 38 ||
      code === 34 ||
      code === 39 ||
      code === 35 ||
      code === 60 ||
      code === 62 ||
      code === 96 ||
      code === 41 ||
      code === 93 ||
      code === 125
    ) {
      return i;
    }
    if (code === 37 && separatorLength(text, i) === 3 && startsParameter(text, i + 3)) return i;
  }
  return limit;
}

/** An encoded `%26` ends a value only before `name%3D`; otherwise it is an `&` inside it. */
function startsParameter(text: string, start: number): boolean {
  const limit = Math.min(text.length, start + MAX_NAME);
  let end = start;
  while (end < limit && isNameChar(text.charCodeAt(end))) end++;
  return end > start && equalsLength(text, end) > 0;
}

/** The name's type: `api_key`, `X-Amz-Signature`, or the innermost `[…]` of `filter[mobile]`. */
function typeOfName(text: string, start: number, end: number): QueryType | undefined {
  let from = start;
  let to = end;
  if (text.charCodeAt(end - 1) === 93) {
    const open = text.lastIndexOf('[', end - 1);
    if (open >= start) {
      from = open + 1;
      to = end - 1;
    }
  }
  return TYPE_OF.lookup(text, from, to, isNameJoiner);
}

function acceptsValue(rawName: string, type: QueryType, value: string): boolean {
  const name = rawName.replace(/[-_.]/g, '').toLowerCase();
  if (isPlaceholderValue(value)) return false;
  switch (type) {
    case 'PHONE':
      return PHONE_VALUE.test(value);
    case 'EMAIL':
      return EMAIL_VALUE.test(value);
    case 'PASSWORD':
      return true;
    case 'SECRET':
      return !GENERIC_SECRET_NAMES.has(name) || looksGenerated(value);
  }
}

/** Long, with both letters and digits: a generated key, not `key=users` or `code=200`. */
function looksGenerated(value: string): boolean {
  if (value.length < MIN_GENERIC_SECRET) return false;
  let letters = false;
  let digits = false;
  for (let i = 0; i < value.length && !(letters && digits); i++) {
    const code = value.charCodeAt(i);
    letters ||= isLetter(code);
    digits ||= isDigit(code);
  }
  return letters && digits;
}

/**
 * For the trigger scan: whether the parameter starting at `nameStart` has a name from
 * `PARAMETERS` followed by `=`. Most query strings (`?page=2&sort=name`) have none.
 */
export function startsSensitiveParameter(text: string, nameStart: number): boolean {
  const limit = Math.min(text.length, nameStart + MAX_NAME);
  let nameEnd = nameStart;
  while (nameEnd < limit && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === nameStart || equalsLength(text, nameEnd) === 0) return false;
  return typeOfName(text, nameStart, nameEnd) !== undefined;
}

function findQueryValues(text: string, emit: EmitSpan): void {
  for (let i = 0; i < text.length; i++) {
    const separator = separatorLength(text, i);
    if (separator === 0) continue;
    const nameStart = i + separator;
    const limit = Math.min(text.length, nameStart + MAX_NAME);
    let nameEnd = nameStart;
    while (nameEnd < limit && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    const equals = nameEnd > nameStart ? equalsLength(text, nameEnd) : 0;
    if (equals === 0) continue;
    const type = typeOfName(text, nameStart, nameEnd);
    const valueStart = nameEnd + equals;
    // `token=[REDACTED]`: a bracketed stand-in, read whole so its `]` does not end it early.
    const bracket = text.charCodeAt(valueStart) === 91 ? text.indexOf(']', valueStart) : -1;
    const end =
      bracket !== -1 && bracket - valueStart <= 32 ? bracket + 1 : valueEnd(text, valueStart);
    if (
      type !== undefined &&
      acceptsValue(text.slice(nameStart, nameEnd), type, text.slice(valueStart, end))
    ) {
      emit(type, valueStart, end);
    }
    i = Math.max(i, end - 1);
  }
}

function isNameChar(code: number): boolean {
  return (
    isLetter(code) ||
    isDigit(code) ||
    code === 95 ||
    code === 45 ||
    code === 46 ||
    code === 91 ||
    code === 93
  );
}

/**
 * Credentials and personal data in URL query strings: `?key=AIza…`, `&sig=…`, `?phone=%2B1415…`,
 * `&email=a%40b.com`, `&password=…`, also inside an encoded URL (`%3Ftoken%3D…`).
 */
export const queryParameterDetector: Detector = {
  types: ['PASSWORD', 'SECRET', 'PHONE', 'EMAIL'],
  trigger: Trigger.QUERY_PARAM,
  find: findQueryValues,
};
