import { isE164WithoutPlus, isNanpNationalNumber } from './e164';

describe('isE164WithoutPlus', () => {
  it.each([
    ['447700900812', true],
    ['46701740612', true],
    ['14155550132', true],
    ['4915112345678', true],
    ['79161234567', true],
    ['353861234567', true],
    ['1714672920', false],
    ['1714672920123', false],
    ['4294967295', false],
    ['10155550132', false],
    ['791612345678', false],
    ['0044770090081', false],
    ['4477009008123456', false],
    ['44770090', false],
  ])('%s → %s', (digits, expected) => expect(isE164WithoutPlus(digits)).toBe(expected));
});

describe('isNanpNationalNumber', () => {
  it.each([
    ['4155550132', true],
    ['8005550199', true],
    ['1714672920', false],
    ['4151550132', false],
    ['415555013', false],
  ])('%s → %s', (digits, expected) => expect(isNanpNationalNumber(digits)).toBe(expected));
});
