import type { Detector } from '../detector';
import { phoneDetectors } from './phone';

function found(text: string): string[] {
  const spans: { start: number; end: number }[] = [];
  for (const detector of phoneDetectors as Detector[]) {
    detector.find(text, (_type, start, end) => {
      // Overlaps between the three phone shapes are resolved by the engine; keep the first.
      if (spans.some((span) => start < span.end && end > span.start)) return;
      spans.push({ start, end });
    });
  }
  return spans.map(({ start, end }) => text.slice(start, end));
}

describe('phone detectors', () => {
  it.each([
    ['UK international', 'call +44 20 7946 0958 now', '+44 20 7946 0958'],
    ['US international with area code in parens', 'tel +1 (415) 555-0132', '+1 (415) 555-0132'],
    ['US dotted', 'phone=415.555.0132;', '415.555.0132'],
    ['US dashed with trunk', 'dial 1-800-555-0199.', '1-800-555-0199'],
    ['US with parens', 'callback (415) 555-0132 ticket', '(415) 555-0132'],
    ['German with 00 prefix', 'Tel. 0049 30 123456', '0049 30 123456'],
    ['Indian mobile', 'otp sent to +91 98765 43210', '+91 98765 43210'],
    ['E.164 without separators', '"to":"+14155550132"', '+14155550132'],
    ['French national', 'portable 06 12 34 56 78', '06 12 34 56 78'],
    ['UK national', 'office 020 7946 0958', '020 7946 0958'],
    ['UK with (0)', '+44 (0)20 7946 0958', '+44 (0)20 7946 0958'],
    ['German national with dashes', 'Fax 030-1234-5678', '030-1234-5678'],
    ['North American national with spaces', 'reach me at 415 555 0139 today', '415 555 0139'],
    ['North American with an area code in parentheses', 'mobile (415) 555 0177', '(415) 555 0177'],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it('stops before a trailing field once the number is complete', () => {
    expect(found('sms +44 20 7946 0958 200 OK')).toEqual(['+44 20 7946 0958']);
  });

  it.each([
    ['a list of sizes', 'buffers 256 512 1024 2048'],
    ['an order id', 'order_id=ORD-2024-000123'],
    ['an ISO date and time', '2024-05-01 12:34:56.789'],
    ['a day-first date', 'due 01-05-2024 10:00'],
    ['a timezone offset', '[01/May/2024:12:34:56 +0000]'],
    ['an epoch timestamp', 'ts=1714567890'],
    ['an impossible US area code', 'ref 123-456-7890'],
    ['a version', 'release 415.555.0132.1'],
    ['a number glued to letters', 'id=A415-555-0132'],
    ['a duration list', 'took 0.012 0.034 0.056'],
    ['a lottery draw', 'draw 2024-05-02: 07 15 23 31 38 44 bonus 12'],
    ['three spaced numbers inside a longer run', 'matrix 1 415 555 0132 7'],
    ['three spaced numbers with an impossible exchange', 'sizes 415 155 0132'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
