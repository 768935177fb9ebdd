import { nothingMasked } from './logs';

describe('nothingMasked', () => {
  it('is true for counts that name no type', () => {
    expect(nothingMasked({})).toBe(true);
    expect(nothingMasked(Object.create({ EMAIL: 1 }) as Record<string, number>)).toBe(true);
  });

  it('is false once any type is named, whatever its count', () => {
    expect(nothingMasked({ EMAIL: 2 })).toBe(false);
    expect(nothingMasked({ PHONE: 0 })).toBe(false);
  });
});
