import { isTaxpayerNumber } from './us-identifiers';

describe('isTaxpayerNumber', () => {
  it.each([
    ['123456789', true],
    ['987654322', true],
    ['912701234', true],
    ['000123456', false],
    ['666123456', false],
    ['123006789', false],
    ['123450000', false],
    ['987124320', false],
    ['912931234', false],
    ['12345678', false],
  ])('%s → %s', (digits, expected) => expect(isTaxpayerNumber(digits)).toBe(expected));
});
