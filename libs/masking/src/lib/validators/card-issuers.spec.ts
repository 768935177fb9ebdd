import { hasKnownIssuer } from './card-issuers';

describe('hasKnownIssuer', () => {
  it.each([
    ['Visa 16', '4111111111111111'],
    ['Visa 13', '4222222222222'],
    ['Mastercard 51-55', '5105105105105100'],
    ['Mastercard 2-series', '2223003122003222'],
    ['Amex', '378282246310005'],
    ['Discover', '6011111111111117'],
    ['Diners 14', '30569309025904'],
    ['JCB', '3530111333300000'],
    ['UnionPay 19', '6200000000000000000'],
  ])('recognises %s', (_name, digits) => expect(hasKnownIssuer(digits)).toBe(true));

  it.each([
    ['epoch millis', '1714567890123'],
    ['Visa with a length Visa never issues', '41111111111111'],
    ['Amex with 16 digits', '3782822463100051'],
    ['prefix 9', '9111111111111111'],
    ['Mastercard 2-series above 2720', '2721000000000000'],
  ])('rejects %s', (_name, digits) => expect(hasKnownIssuer(digits)).toBe(false));
});
