import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';
import { ibanLengthFor, passesIbanChecksum } from '../validators/iban';

/**
 * Finds where the candidate holds exactly the country's IBAN length of characters and checks
 * mod-97 there, so `DE89 3704 0044 0532 0130 00 EUR` still yields the IBAN.
 */
function refineIban(_text: string, match: RegExpExecArray): Span | undefined {
  const candidate = match[0];
  const expectedLength = ibanLengthFor(candidate.slice(0, 2).toUpperCase());
  if (expectedLength === undefined) return undefined;
  let compact = '';
  for (let i = 0; i < candidate.length; i++) {
    const char = candidate.charAt(i);
    if (char === ' ') continue;
    compact += char;
    if (compact.length === expectedLength) {
      const next = candidate.charAt(i + 1);
      if (next !== '' && next !== ' ') return undefined;
      return passesIbanChecksum(compact.toUpperCase())
        ? { start: match.index, end: match.index + i + 1 }
        : undefined;
    }
  }
  return undefined;
}

/**
 * Electronic (`DE89370400440532013000`) and print (`DE89 3704 0044 …`) forms, mod-97 checked, in
 * either case (`gb82 west 1234 …` as typed into a form): the checksum is what makes it an IBAN.
 */
export const ibanDetector = regexDetector({
  type: 'IBAN',
  trigger: Trigger.IBAN_PREFIX,
  pattern:
    /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])/g,
  refine: refineIban,
});
