import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';
import { passesLuhn } from '../validators/luhn';
import { keywordValueAt, type KeywordType } from './keywords';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;
const isAlphanumeric = (code: number): boolean => isDigit(code) || isLetter(code);
const isUpperOrDigit = (code: number): boolean => isDigit(code) || (code >= 65 && code <= 90);

// National identifiers run from 8 (`12345678Z`) to 16 (`RSSMRA85T10A562S`) significant characters.
const MAX_NATIONAL_ID = 20;
const MIN_NATIONAL_ID_DIGITS = 5;
// E.164 allows 15 digits; subscriber numbers in national form have at least 7.
const MIN_PHONE_DIGITS = 7;
const MAX_PHONE_DIGITS = 15;

/**
 * `SSN 123 45 6789`, `DNI 12345678Z`, `QQ 98 76 54 A`: letters and digits in groups joined by
 * single `-`, `.`, `/` or spaces (a space only before a digit or a lone capital); needs five digits.
 */
function nationalIdEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_NATIONAL_ID);
  let digits = 0;
  let end = start;
  let i = start;
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (isAlphanumeric(code)) {
      if (isDigit(code)) digits++;
      i++;
      end = i;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    const joins =
      code === 32
        ? isDigit(next) || (isUpperOrDigit(next) && !isAlphanumeric(text.charCodeAt(i + 2)))
        : (code === 45 || code === 46 || code === 47) && isAlphanumeric(next);
    if (!joins) break;
    i++;
  }
  if (digits < MIN_NATIONAL_ID_DIGITS || isAlphanumeric(text.charCodeAt(end))) return -1;
  return end;
}

/** A digit run with no separators; -1 when it is glued to a letter or digit. */
function digitRunEnd(text: string, start: number): number {
  let end = start;
  while (isDigit(text.charCodeAt(end))) end++;
  return isAlphanumeric(text.charCodeAt(end)) ? -1 : end;
}

/** IMSI and IMEI (15 digits, IMEI Luhn-checked), IMEISV (16), ICCID (19-20, `89…`, Luhn). */
function subscriberIdEnd(text: string, start: number): number {
  const end = digitRunEnd(text, start);
  const length = end - start;
  if (length === 14 || length === 15 || length === 16) return end;
  if (length === 19 || length === 20) {
    const digits = text.slice(start, end);
    return digits.startsWith('89') && passesLuhn(digits) ? end : -1;
  }
  return -1;
}

/** `447700900123`, `+44 7700 900123`, `415 555 0177`: 7 to 15 digits, single separators. */
function phoneEnd(text: string, start: number): number {
  let digits = 0;
  let end = -1;
  let i = text.charCodeAt(start) === 43 ? start + 1 : start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      digits++;
      end = i + 1;
    } else if (!((code === 32 || code === 45) && isDigit(text.charCodeAt(i + 1)))) {
      break;
    }
    if (digits > MAX_PHONE_DIGITS) return -1;
  }
  if (digits < MIN_PHONE_DIGITS || isAlphanumeric(text.charCodeAt(end))) return -1;
  return end;
}

function cardSecurityEnd(text: string, start: number): number {
  const end = digitRunEnd(text, start);
  return end - start === 3 || end - start === 4 ? end : -1;
}

/** Nine digits grouped 3-2-4 by one separator (space, `-`, `.`) or not grouped at all. */
function usSsnEnd(text: string, start: number): number {
  const end = nationalIdEnd(text, start);
  if (end === -1) return -1;
  return /^(?:\d{9}|\d{3}([ .-])\d{2}\1\d{4})$/.test(text.slice(start, end)) ? end : -1;
}

/** A digit run of `min` to `max` digits, not glued to a letter or digit. */
function codeEnd(text: string, start: number, min: number, max: number): number {
  const end = digitRunEnd(text, start);
  return end - start >= min && end - start <= max ? end : -1;
}

function valueEnd(type: KeywordType, text: string, start: number): number {
  switch (type) {
    case 'US_SSN':
      return usSsnEnd(text, start);
    case 'NATIONAL_ID':
      return nationalIdEnd(text, start);
    case 'SUBSCRIBER_ID':
      return subscriberIdEnd(text, start);
    case 'PHONE':
      return phoneEnd(text, start);
    case 'CARD_SECURITY':
      return cardSecurityEnd(text, start);
    case 'ONE_TIME_CODE':
      return codeEnd(text, start, 6, 8);
    case 'PIN':
      return codeEnd(text, start, 4, 12);
  }
}

const MASK_TYPE_OF: Readonly<Record<KeywordType, string>> = {
  US_SSN: 'US_SSN',
  NATIONAL_ID: 'NATIONAL_ID',
  SUBSCRIBER_ID: 'SUBSCRIBER_ID',
  PHONE: 'PHONE',
  CARD_SECURITY: 'CARD_SECURITY',
  ONE_TIME_CODE: 'SECRET',
  PIN: 'SECRET',
};

function findKeywordValues(text: string, emit: EmitSpan): void {
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (i < from || !isDigit(text.charCodeAt(i))) continue;
    const before = text.charCodeAt(i - 1);
    if (isDigit(before)) continue;
    const keyword = keywordValueAt(text, i);
    if (keyword === undefined) continue;
    const { type } = keyword;
    const start = type === 'NATIONAL_ID' || type === 'PHONE' ? keyword.start : i;
    const end = valueEnd(type, text, start);
    if (end === -1) continue;
    emit(MASK_TYPE_OF[type], start, end);
    from = end;
  }
}

/**
 * Identifiers named by a keyword before them (see `KEYWORDS`): national ids, telecom subscriber
 * ids, subscriber phone numbers and card security codes. Each keyword type has its own value
 * shape, so `cvv=123` is a code but `ssn=123` is not an id.
 */
export const keywordIdentifierDetector: Detector = {
  types: ['US_SSN', 'NATIONAL_ID', 'SUBSCRIBER_ID', 'PHONE', 'CARD_SECURITY', 'SECRET'],
  trigger: Trigger.KEYWORD_VALUE,
  find: findKeywordValues,
};
