import { isAtLeast, parseLevel } from './levels';

describe('parseLevel', () => {
  it.each([
    ['info', 'info'],
    ['INFO', 'info'],
    ['warning', 'warn'],
    ['err', 'error'],
    ['critical', 'fatal'],
    [10, 'trace'],
    [20, 'debug'],
    [30, 'info'],
    [40, 'warn'],
    [50, 'error'],
    [60, 'fatal'],
    [35, 'info'],
    ['50', 'error'],
  ])('maps %p to %p', (input, expected) => {
    expect(parseLevel(input)).toBe(expected);
  });

  it.each([['verbose'], [''], [5], [61], [30.5], [null], [undefined], [{}]])(
    'rejects %p',
    (input) => {
      expect(parseLevel(input)).toBeUndefined();
    },
  );
});

describe('isAtLeast', () => {
  it('orders levels by severity', () => {
    expect(isAtLeast('error', 'warn')).toBe(true);
    expect(isAtLeast('warn', 'warn')).toBe(true);
    expect(isAtLeast('info', 'warn')).toBe(false);
  });
});
