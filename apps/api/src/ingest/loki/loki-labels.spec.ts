import { parseLabelSet } from './loki-labels';

describe('parseLabelSet', () => {
  it.each([
    ['{level="warn",job="x"}', { level: 'warn', job: 'x' }],
    ['{ level = "warn" , job="x" }', { level: 'warn', job: 'x' }],
    ['{}', {}],
    [
      '{msg="say \\"hi\\"",path="C:\\\\tmp",multi="a\\nb"}',
      { msg: 'say "hi"', path: 'C:\\tmp', multi: 'a\nb' },
    ],
    ['{_private="1",a1="2"}', { _private: '1', a1: '2' }],
  ])('reads %s', (text, labels) => {
    expect(parseLabelSet(text)).toEqual(labels);
  });

  it.each([
    'level="warn"',
    '{level=warn}',
    '{level="warn"',
    '{1level="x"}',
    '{level="warn"}}',
    '{level="warn",}',
    '{level="unterminated}',
    '{level="a" job="b"}',
    '',
  ])('refuses %p', (text) => {
    expect(parseLabelSet(text)).toBeUndefined();
  });

  it('keeps __proto__ a plain label', () => {
    const labels = parseLabelSet('{__proto__="x"}');
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(labels ?? {})).toEqual(['__proto__']);
  });
});
