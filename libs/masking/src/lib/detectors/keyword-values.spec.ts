import type { Detector } from '../detector';
import { keywordIdentifierDetector } from './keyword-identifiers';
import { KEYWORDS, mayEndKeywordPair } from './keywords';

function found(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

describe('one-time codes and PINs after their keyword', () => {
  it.each([
    ['a verification code', 'Your verification code is 338201. Do not share it.', 'SECRET:338201'],
    ['a reset code after a colon', 'short_message=Your PIN reset code: 448102)', 'SECRET:448102'],
    ['a capitalised code', '"text":"Code 118204"', 'SECRET:118204'],
    ['a code in a query string', '/v1/otp/verify?code=904417&x=1', 'SECRET:904417'],
    ['a code in form-encoded text', '/sms.cgi?text=Your+code+is+204816 HTTP/1.0', 'SECRET:204816'],
    ['a PIN', 'Your Example PIN is 4471', 'SECRET:4471'],
    ['a voucher', 'wifi guest voucher 9927749915 issued', 'SECRET:9927749915'],
    ['a card security code spelled out', 'and the code on the back is 123', 'CARD_SECURITY:123'],
  ])('masks %s', (_name, text, expected) =>
    expect(found(keywordIdentifierDetector, text)).toEqual([expected]),
  );

  it.each([
    ['an exit code', 'process exited with code 137'],
    ['an HTTP status code', 'status code 404 returned'],
    ['an error code with five digits', 'error code 10061 from socket'],
    ['a PIN that is too short', 'PIN 12 rejected'],
    ['a spin count', 'spin 4471 cycles'],
  ])('leaves %s alone', (_name, text) =>
    expect(found(keywordIdentifierDetector, text)).toEqual([]),
  );
});

describe('SMS gateway numbers after their field name', () => {
  it.each([
    [
      'an SMPP destination',
      'dest_addr_npi=1, destination_addr=447700900446, esm_class=0',
      'PHONE:447700900446',
    ],
    ['an SMPP source', 'stat:DELIVRD err:000 src=447700900444', 'PHONE:447700900444'],
    [
      'a 3DS2 subscriber number',
      'mobilePhone.subscriber=5550199 mobilePhone.cc=1',
      'PHONE:5550199',
    ],
  ])('masks %s', (_name, text, expected) =>
    expect(found(keywordIdentifierDetector, text)).toEqual([expected]),
  );

  it.each([
    ['a source address that is an IP', 'src=10.0.0.1 dst=10.0.0.2'],
    ['a short source port', 'src=51544'],
  ])('leaves %s alone', (_name, text) =>
    expect(found(keywordIdentifierDetector, text)).toEqual([]),
  );
});

describe('the keyword-ending pair table of the trigger scan', () => {
  const pairOf = (word: string): [number, number] => [
    word.charCodeAt(word.length - 1),
    word.length > 1 ? word.charCodeAt(word.length - 2) : 0,
  ];

  it('lets every keyword and linking verb through, in either case', () => {
    const words = [...Object.values(KEYWORDS).flat(), 'is', 'was', 'are', 'were'];
    const blocked = [...words, ...words.map((word) => word.toUpperCase())].filter(
      (word) => !mayEndKeywordPair(...pairOf(word)),
    );
    expect(blocked).toEqual([]);
  });

  it('lets a keyword through whose last word is cut off by a joiner (`card security c`)', () => {
    expect(mayEndKeywordPair('c'.charCodeAt(0), ' '.charCodeAt(0))).toBe(true);
  });

  it.each(['bytes', 'durationMs', 'keys', 'status', 'attempt'])('settles %p', (word) =>
    expect(mayEndKeywordPair(...pairOf(word))).toBe(false),
  );
});
