import { CodeUnits } from './code-units';

describe('CodeUnits', () => {
  it.each([
    ['a short text', 'key=v'],
    ['a text long enough for the native copy', 'x'.repeat(70) + ' é → 😀'],
  ])('copies %s code unit by code unit, then a 0 sentinel', (_label, text) => {
    const units = new CodeUnits().load(text);
    const copied = Array.from(units.subarray(0, text.length));
    expect(copied).toEqual([...Array(text.length).keys()].map((i) => text.charCodeAt(i)));
    expect(units[text.length]).toBe(0);
  });

  it.each([
    ['short', 'secret=hunter2'],
    ['long', 'secret='.repeat(20)],
  ])('wipes a %s text after use', (_label, text) => {
    const codeUnits = new CodeUnits();
    const units = codeUnits.load(text);
    codeUnits.wipe(text.length);
    expect(units.subarray(0, text.length).every((unit) => unit === 0)).toBe(true);
  });

  it('does not leave a longer earlier text behind a shorter later one', () => {
    const codeUnits = new CodeUnits();
    codeUnits.load('password=hunter2');
    codeUnits.wipe(16);
    const units = codeUnits.load('ok');
    expect(Array.from(units.subarray(0, 17))).toEqual([111, 107, ...new Array(15).fill(0)]);
  });
});
