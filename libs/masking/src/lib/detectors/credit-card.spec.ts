import { creditCardDetector } from './credit-card';

function found(text: string): string[] {
  const spans: string[] = [];
  creditCardDetector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

describe('creditCardDetector', () => {
  it.each([
    ['a Visa without separators', 'pan=4111111111111111', '4111111111111111'],
    ['a Visa with spaces', 'card 4111 1111 1111 1111 ok', '4111 1111 1111 1111'],
    ['a Mastercard with dashes', 'card=5555-5555-5555-4444', '5555-5555-5555-4444'],
    ['a Mastercard 2-series', 'mc 2223003122003222', '2223003122003222'],
    ['an Amex in 4-6-5 groups', 'amex 3782 822463 10005', '3782 822463 10005'],
    ['a Discover', '"pan":"6011111111111117"', '6011111111111117'],
    ['a 13-digit Visa', 'old card 4222222222222', '4222222222222'],
    ['a 19-digit UnionPay', 'cup 6200000000000000000', '6200000000000000000'],
    ['a card followed by a status code', 'pan 4111 1111 1111 1111 200 OK', '4111 1111 1111 1111'],
    ['a card written with dots', 'card=4000.0566.5566.5556 cvv', '4000.0566.5566.5556'],
    ['a card written with slashes', 'card=6011/1111/1111/1117 ok', '6011/1111/1111/1117'],
    ['a card written with tabs', 'pan=5555\t5555\t5555\t4444 source', '5555\t5555\t5555\t4444'],
    [
      'a card written with double spaces',
      'pan=4242  4242  4242  4242 src',
      '4242  4242  4242  4242',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['a Luhn-failing card-length number', 'pan=4111111111111112'],
    ['epoch milliseconds', '"ts":1714567890123'],
    ['an order id with a card prefix', 'order=ORD-4111111111111111'],
    ['digits inside a hex hash', 'sha=a4111111111111111f'],
    ['odd grouping', 'ref 41 1111 1111 1111 11'],
    ['a UUID with numeric groups', 'id=12345678-1234-4234-9234-123456789012'],
    ['a byte count', 'wrote 1048576000 bytes'],
    ['a valid card number glued to letters', 'x4111111111111111'],
    ['a card with mixed separators', 'card=4000.0566/5566.5556'],
    ['a dotted version that passes Luhn', 'v4111.1111.1111.1111'],
    ['a path of numbers', '/4111/1111/1111/1111/'],
    ['groups joined by three spaces', 'pan=4242   4242   4242   4242'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
