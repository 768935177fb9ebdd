import type { Detector } from '../detector';
import { addressedNumberDetector, keyedItinDetector } from './addressed-numbers';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

describe('addressed number detector', () => {
  it.each([
    ['a UK recipient', '{"to":"447700900812","status":"sent"}', ['PHONE:447700900812']],
    ['a Swedish recipient', '"recipient":"46701740612"', ['PHONE:46701740612']],
    ['a North American sender', 'from=14155550132 status=ok', ['PHONE:14155550132']],
    ['a number in a list', '"to":["61491570156"]', ['PHONE:61491570156']],
    ['a snake_case destination key', 'destination_number: 4915112345678', ['PHONE:4915112345678']],
    [
      'the caller and callee of an Asterisk CDR',
      '"4155550132","18005550199","default","SIP/p-1","SIP/100-2","Dial","SIP/100,30","2024-05-02 18:02:00",,72,68,"ANSWERED","DOCUMENTATION","1714672920.42",""',
      ['PHONE:4155550132', 'PHONE:18005550199'],
    ],
    [
      'an ITIN a few words after its keyword',
      'viewed SSN of employee E-1042 (value 987654322)',
      ['NATIONAL_ID:987654322'],
    ],
    ['an SSN after its keyword', 'SSN on file for applicant: 123456789', ['US_SSN:123456789']],
  ])('masks %s', (_name, text, expected) =>
    expect(findings(addressedNumberDetector, text)).toEqual(expected),
  );

  it.each([
    ['a Unix time under "from"', '{"from":1714672920,"to":1714673920}'],
    ['milliseconds under "to"', 'range from=1714672920123 to=1714673920123'],
    ['a 32-bit maximum', '"to":"4294967295"'],
    ['a number with no country code', '"to":"0000123456789"'],
    ['a short id', '"to":"20240502"'],
    ['an order number under an unrelated key', '"order":"447700900812"'],
    ['a number under a longer key', '"total_to":"447700900812"'],
    ['a CSV line that is no CDR', '"4155550132","18005550199","shipped"'],
    ['an extension in a CDR', '"100","200","default","SIP/100-1","ANSWERED",""'],
    [
      'nine digits far from the keyword',
      'SSN check passed for the application submitted by a long-time customer 123456789',
    ],
    ['nine digits in the next sentence', 'SSN verified. Ticket 123456789 closed'],
    ['nine digits that are no SSN', 'SSN lookup job 000123456 finished'],
    ['a longer run after the keyword', 'SSN batch 1234567890 done'],
  ])('leaves %s', (_name, text) => expect(findings(addressedNumberDetector, text)).toEqual([]));
});

describe('keyed ITIN detector', () => {
  it.each([
    ['an ITIN in an LDAP filter', '(employeeNumber=987-65-4320)', ['NATIONAL_ID:987-65-4320']],
    ['an ITIN under a JSON id key', '"taxpayer_id": "912-70-1234"', ['NATIONAL_ID:912-70-1234']],
  ])('masks %s', (_name, text, expected) =>
    expect(findings(keyedItinDetector, text)).toEqual(expected),
  );

  it.each([
    ['an ITIN-shaped value with a group never issued', 'employeeNumber=987-12-4320'],
    ['an ITIN-shaped value under no id key', 'build=987-65-4320'],
    ['an ITIN-shaped value in prose', 'call 987-65-4320 now'],
    ['a longer dashed number', 'ticketId=987-65-43201'],
  ])('leaves %s', (_name, text) => expect(findings(keyedItinDetector, text)).toEqual([]));
});
