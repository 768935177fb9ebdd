import type { Detector, EmitSpan } from '../detector';
import type { SensitiveKeys } from '../sensitive-keys';
import { Trigger } from '../triggers';
import { keywordTypeOfName } from './keywords';

const MAX_TAG = 1024;
const MAX_TEXT = 4096;
// Attributes that name the field a tag carries: `<input name="password" value="…">`,
// `<add key="ClearTextPassword" value="…"/>`, `<property name="…password">…</property>`.
const NAMING_ATTRIBUTES = new Set(['name', 'key', 'id', 'property', 'field']);

const isNameChar = (code: number): boolean =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 48 && code <= 57) ||
  code === 95 ||
  code === 45 ||
  code === 46 ||
  code === 58;
const isBlank = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

interface Attribute {
  name: string;
  valueStart: number;
  valueEnd: number;
}

interface Tag {
  /** Local name: `wsse:Password` → `Password`. */
  name: string;
  attributes: Attribute[];
  end: number;
  selfClosing: boolean;
}

/** Reads the start tag at `<` (index `open`), bounded by MAX_TAG; undefined if it is none. */
function readTag(text: string, open: number): Tag | undefined {
  const limit = Math.min(text.length, open + MAX_TAG);
  let i = open + 1;
  while (i < limit && isNameChar(text.charCodeAt(i))) i++;
  if (i === open + 1) return undefined;
  const qualified = text.slice(open + 1, i);
  const name = qualified.slice(qualified.lastIndexOf(':') + 1);
  const attributes: Attribute[] = [];
  while (i < limit) {
    while (i < limit && isBlank(text.charCodeAt(i))) i++;
    const code = text.charCodeAt(i);
    if (code === 62) return { name, attributes, end: i + 1, selfClosing: false };
    if (code === 47 && text.charCodeAt(i + 1) === 62) {
      return { name, attributes, end: i + 2, selfClosing: true };
    }
    const nameStart = i;
    while (i < limit && isNameChar(text.charCodeAt(i))) i++;
    if (i === nameStart || text.charCodeAt(i) !== 61) return undefined;
    const quote = text.charCodeAt(i + 1);
    if (quote !== 34 && quote !== 39) return undefined;
    let close = i + 2;
    while (close < limit && text.charCodeAt(close) !== quote) close++;
    if (close >= limit) return undefined;
    attributes.push({ name: text.slice(nameStart, i), valueStart: i + 2, valueEnd: close });
    i = close + 1;
  }
  return undefined;
}

/** The element's text up to the next `<`, when it is non-blank and not a nested element. */
function textContent(text: string, from: number): { start: number; end: number } | undefined {
  const limit = Math.min(text.length, from + MAX_TEXT);
  let end = from;
  while (end < limit && text.charCodeAt(end) !== 60) end++;
  if (end === limit || text.charCodeAt(end + 1) !== 47) return undefined;
  let start = from;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  let last = end;
  while (last > start && isBlank(text.charCodeAt(last - 1))) last--;
  return last > start ? { start, end: last } : undefined;
}

function typeOfName(keys: SensitiveKeys, name: string): string | undefined {
  return keywordTypeOfName(name) ?? keys.typeOf(name);
}

function findMarkupValues(keys: SensitiveKeys, text: string, emit: EmitSpan): void {
  let from = 0;
  for (let open = text.indexOf('<', from); open !== -1; open = text.indexOf('<', from)) {
    const tag = readTag(text, open);
    if (tag === undefined) {
      from = open + 1;
      continue;
    }
    from = tag.end;
    const value = tag.attributes.find((attribute) => attribute.name.toLowerCase() === 'value');
    const named = tag.attributes.find((attribute) =>
      NAMING_ATTRIBUTES.has(attribute.name.toLowerCase()),
    );
    const fieldName = named && text.slice(named.valueStart, named.valueEnd);
    const fieldType = fieldName === undefined ? undefined : typeOfName(keys, fieldName);
    if (fieldType !== undefined && value !== undefined) {
      if (value.valueEnd > value.valueStart) emit(fieldType, value.valueStart, value.valueEnd);
      continue;
    }
    const type = fieldType ?? typeOfName(keys, tag.name);
    if (type === undefined || tag.selfClosing) continue;
    const content = textContent(text, tag.end);
    if (content !== undefined) {
      emit(type, content.start, content.end);
      from = content.end;
    }
  }
}

/**
 * Sensitive values in XML and HTML: the text of an element with a sensitive name
 * (`<password>x</password>`, `<wsse:Password Type="…">x</wsse:Password>`, `<ns2:apiKey>`,
 * `<SSN>`), and the `value` (or text) of a tag whose `name`/`key` attribute is sensitive
 * (`<input name="password" value="x">`, `<add key="SendGridApiKey" value="x"/>`). Attributes
 * named for a secret (`password="x"`) are the key/value detector's.
 */
export function markupDetector(keys: SensitiveKeys): Detector {
  return {
    types: [
      'PASSWORD',
      'SECRET',
      'US_SSN',
      'NATIONAL_ID',
      'SUBSCRIBER_ID',
      'PHONE',
      'CARD_SECURITY',
    ],
    trigger: Trigger.MARKUP,
    find: (text, emit) => findMarkupValues(keys, text, emit),
  };
}
