import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';
import { isE164WithoutPlus, isNanpNationalNumber } from '../validators/e164';
import { isItin, isSsn, isTaxpayerNumber } from '../validators/us-identifiers';

/**
 * Personal numbers written without the `+`, dashes or keyword the shape detectors need, found by
 * where they stand instead:
 * - a number under an addressing key of a messaging or telephony payload (`"to":"447700900812"`,
 *   `"recipient":"46701740612"`, `destination_number=…`) that is a valid international number
 *   once a `+` is put in front (validators/e164.ts);
 * - the caller and callee fields of an Asterisk CDR record (`"4155550132","18005550199",…,
 *   "ANSWERED",…`), where US numbers are also logged without their `1`;
 * - a nine-digit SSN or ITIN a few words after its keyword in the same clause
 *   (`viewed SSN of employee E-1042 (value 987654322)`);
 * - an ITIN-range `9dd-dd-dddd` under a key naming a number or id (`employeeNumber=…`); other
 *   dashed SSNs are found anywhere by the US_SSN detector.
 */

const ADDRESSED = new RegExp(
  '(?<![A-Za-z0-9_])"?(?:to|from|recipients?|destination|dest|dst|sender|receiver|callee|caller|' +
    'called|calling|originator)(?:[_-]?(?:number|num|no|addr|address|msisdn|phone))?"?' +
    '[ \\t]{0,2}[:=][ \\t]{0,2}\\[?[ \\t]{0,2}"?(\\d{10,15})(?![\\w.-])',
  'gi',
);

// The disposition column of an Asterisk CDR (Master.csv), which marks the line as one.
const CDR_DISPOSITION = /,"(?:ANSWERED|NO ANSWER|BUSY|FAILED|CONGESTION)",/g;
const CDR_NUMBER_FIELD = /(?:^|,)"(\d{10,15})"(?=,|$)/g;

const SSN_KEYWORD_NEARBY =
  /\b(?:SSN|ITIN|social security (?:number|no))\b[^.;\n]{0,48}?(?<![\w./-])(\d{9})(?![\w-])/gi;

const ITIN_DASHED = /(?<![\w.+-])(9\d{2})-(\d{2})-(\d{4})(?![\w]|[.-]\d)/g;
const ID_KEY_BEFORE = /(?:number|num|no|nr|id|identifier)["']?[ \t]{0,2}[:=][ \t]{0,2}["'(]?$/i;
// Room for the key, its quotes and separator before an ITIN.
const ID_KEY_LOOK_BACK = 24;

function findAddressedPhones(text: string, emit: EmitSpan): void {
  ADDRESSED.lastIndex = 0;
  for (let match = ADDRESSED.exec(text); match !== null; match = ADDRESSED.exec(text)) {
    const digits = match[1] as string;
    if (isE164WithoutPlus(digits)) {
      const end = match.index + match[0].length;
      emit('PHONE', end - digits.length, end);
    }
  }
}

function findCdrNumbers(text: string, emit: EmitSpan): void {
  let doneUntil = 0;
  CDR_DISPOSITION.lastIndex = 0;
  for (let mark = CDR_DISPOSITION.exec(text); mark !== null; mark = CDR_DISPOSITION.exec(text)) {
    if (mark.index < doneUntil) continue;
    const lineStart = text.lastIndexOf('\n', mark.index) + 1;
    const newline = text.indexOf('\n', mark.index);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    CDR_NUMBER_FIELD.lastIndex = 0;
    for (
      let field = CDR_NUMBER_FIELD.exec(line);
      field !== null;
      field = CDR_NUMBER_FIELD.exec(line)
    ) {
      const digits = field[1] as string;
      if (isE164WithoutPlus(digits) || isNanpNationalNumber(digits)) {
        const start = lineStart + field.index + field[0].length - digits.length - 1;
        emit('PHONE', start, start + digits.length);
      }
    }
    doneUntil = lineEnd;
    CDR_DISPOSITION.lastIndex = lineEnd;
  }
}

function findSsnNearKeyword(text: string, emit: EmitSpan): void {
  SSN_KEYWORD_NEARBY.lastIndex = 0;
  for (
    let match = SSN_KEYWORD_NEARBY.exec(text);
    match !== null;
    match = SSN_KEYWORD_NEARBY.exec(text)
  ) {
    const digits = match[1] as string;
    if (!isTaxpayerNumber(digits)) continue;
    const end = match.index + match[0].length;
    const area = Number(digits.slice(0, 3));
    const isSocialSecurity = isSsn(area, Number(digits.slice(3, 5)), Number(digits.slice(5)));
    emit(isSocialSecurity ? 'US_SSN' : 'NATIONAL_ID', end - 9, end);
  }
}

function findDashedItins(text: string, emit: EmitSpan): void {
  ITIN_DASHED.lastIndex = 0;
  for (let match = ITIN_DASHED.exec(text); match !== null; match = ITIN_DASHED.exec(text)) {
    const [, area, group, serial] = match;
    if (!isItin(Number(area), Number(group), Number(serial))) continue;
    const before = text.slice(Math.max(0, match.index - ID_KEY_LOOK_BACK), match.index);
    if (ID_KEY_BEFORE.test(before)) emit('NATIONAL_ID', match.index, match.index + 11);
  }
}

/** Bare phones under addressing keys and in CDR records, and SSNs/ITINs near their keyword. */
export const addressedNumberDetector: Detector = {
  types: ['PHONE', 'US_SSN', 'NATIONAL_ID'],
  trigger: Trigger.BARE_DIGITS,
  find(text, emit) {
    findAddressedPhones(text, emit);
    findCdrNumbers(text, emit);
    findSsnNearKeyword(text, emit);
  },
};

/** ITINs written with dashes under an id key; the scan sees them as a nine-digit number run. */
export const keyedItinDetector: Detector = {
  types: ['NATIONAL_ID'],
  trigger: Trigger.NUMBER_RUN,
  find: findDashedItins,
};
