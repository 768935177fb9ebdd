import { ibanDetector } from './iban';

function found(text: string): string[] {
  const spans: string[] = [];
  ibanDetector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

describe('ibanDetector', () => {
  it.each([
    ['an electronic German IBAN', 'iban=DE89370400440532013000', 'DE89370400440532013000'],
    ['a printed German IBAN', 'to DE89 3704 0044 0532 0130 00 ok', 'DE89 3704 0044 0532 0130 00'],
    ['a UK IBAN with a bank code', '"iban":"GB82WEST12345698765432"', 'GB82WEST12345698765432'],
    [
      'a French IBAN with a letter in the account',
      'FR1420041010050500013M02606',
      'FR1420041010050500013M02606',
    ],
    ['a short Norwegian IBAN', 'NO93 8601 1117 947', 'NO93 8601 1117 947'],
    [
      'an IBAN followed by a currency',
      'DE89 3704 0044 0532 0130 00 EUR',
      'DE89 3704 0044 0532 0130 00',
    ],
    ['a lower-case IBAN', '"iban":"gb26midl40051512345674"', 'gb26midl40051512345674'],
    ['a lower-case printed IBAN', "'gb82 west 1234 5698 7654 32',", 'gb82 west 1234 5698 7654 32'],
    [
      'a lower-case Belgian IBAN',
      'refund to iban be68 5390 0754 7034 failed',
      'be68 5390 0754 7034',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['a failing checksum', 'iban=DE88370400440532013000'],
    ['an unknown country', 'ref=XY89370400440532013000'],
    ['an uppercase hex digest', 'SHA256=AB12CDEF34567890ABCDEF1234567890'],
    ['a too short candidate', 'DE89 3704'],
    ['a lower-case word and number that fail the checksum', 'gb26 west 1234 5698 7654 32'],
    ['a lower-case hex digest', 'sha=de89370400440532013000ab'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
