import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';

// Mobile country codes run from 200 to 799; 001 and 999 are the test and private networks
// that core-network software (Open5GS, srsRAN) logs by default.
function hasMobileCountryCode(digits: string): boolean {
  const mcc = Number(digits.slice(0, 3));
  return mcc === 1 || mcc === 999 || (mcc >= 200 && mcc <= 799);
}

function refineImsi(_text: string, match: RegExpExecArray): Span | undefined {
  return hasMobileCountryCode(match[0]) ? { start: match.index, end: match.index + 15 } : undefined;
}

/**
 * `[001010123456789]`: mobile-core daemons (MME, HSS, AMF) tag their lines with the subscriber's
 * IMSI in brackets and no keyword. Exactly 15 digits between `[` and `]`, with a mobile country
 * code first.
 */
export const bracketedImsiDetector = regexDetector({
  type: 'SUBSCRIBER_ID',
  trigger: Trigger.NUMBER_RUN,
  pattern: /(?<=\[)\d{15}(?=\])/g,
  refine: refineImsi,
});
