import { niceCeiling, shortCount } from './chart-scale';

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [1, 1],
    [1.5, 2],
    [3, 5],
    [7, 10],
    [10, 10],
    [11, 20],
    [420, 500],
    [501, 1000],
    [20_000, 20_000],
  ])('rounds %p up to %p', (max, expected) => {
    expect(niceCeiling(max)).toBe(expected);
  });

  it('treats a negative or missing maximum as an empty chart', () => {
    expect(niceCeiling(-3)).toBe(1);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });
});

describe('shortCount', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [1000, '1k'],
    [1250, '1.3k'],
    [35_000, '35k'],
    [4_100_000, '4.1M'],
  ])('writes %p as %p', (value, expected) => {
    expect(shortCount(value)).toBe(expected);
  });
});
