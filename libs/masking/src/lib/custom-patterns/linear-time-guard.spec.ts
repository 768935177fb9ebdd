import { assertLinearTimeSafe, UnsafePatternError } from './linear-time-guard';

function rejection(source: string, flags = ''): string | undefined {
  try {
    assertLinearTimeSafe(source, flags);
    return undefined;
  } catch (error) {
    if (error instanceof UnsafePatternError) return error.message;
    throw error;
  }
}

describe('assertLinearTimeSafe', () => {
  it.each([
    ['a literal prefix and a tail repeat', 'ORD-\\d+', ''],
    ['bounded repeats', 'CUST-[A-Z]{2}\\d{6}', ''],
    ['a fixed-length repeated group', '(?:\\d{3}-){2}\\d{4}', ''],
    ['disjoint neighbours', '[a-z]{1,20}@[a-z]{1,20}\\.[a-z]{2,6}', ''],
    ['a single-character look-behind', '(?<![A-Za-z0-9])emp_[0-9]{6}', ''],
    ['alternatives', '(?:ticket|case)-\\d{4,8}', ''],
    ['a named group', '(?<id>INV-\\d{8})', ''],
    ['a class with escapes and ranges', '[\\w.+-]{1,64}#[\\x41-\\x5A]{3}', ''],
    ['unicode properties', '\\p{Lu}{2}\\d{4}', 'u'],
    ['case-insensitive matching', 'secret-[a-f0-9]{32}', 'i'],
    ['an optional unbounded tail', 'tok_[A-Za-z0-9]{8}(?:_[A-Za-z0-9]+)?', ''],
  ])('accepts %s', (_name, source, flags) => {
    expect(rejection(source, flags)).toBeUndefined();
  });

  it.each([
    ['a nested quantifier', '(a+)+b', /repeats without limit|nested quantifier/, ''],
    ['a nested bounded quantifier', '(?:a{1,5}){1,5}', /nested quantifier/, ''],
    ['overlapping repeated alternatives', '(?:a|ab){1,9}c', /variable length|same character/, ''],
    ['overlapping same-length alternatives', '(?:a|a){1,9}', /same character/, ''],
    ['an unbounded repeat before more pattern', '\\d+x', /without limit.*very end/, ''],
    ['an unbounded repeat before an anchor', '\\w+$', /without limit/, ''],
    ['adjacent overlapping repeats', '\\d{1,9}\\d{1,9}', /adjacent variable-length/, ''],
    [
      'overlapping repeats across an optional part',
      '\\w{1,20}\\s?\\w{1,20}',
      /adjacent variable-length/,
      '',
    ],
    ['a backreference', '(a)\\1', /backreference/, ''],
    ['a named backreference', '(?<x>a)\\k<x>', /backreference/, ''],
    ['a look-ahead with a repeat', '(?=a+)a', /look-around/, ''],
    ['a huge repeat', 'a{1,100000}', /limit 256/, ''],
    ['a pattern matching empty text', 'a*', /empty text/, ''],
    ['an empty pattern', '', /empty text/, ''],
    ['an invalid pattern', '(', /not a valid regular expression/, ''],
    ['the sticky flag', 'abc', /flags/, 'y'],
    ['the v flag', 'abc', /flags/, 'v'],
    ['too many ambiguous alternatives', '(?:ab|ac)'.repeat(9), /alternatives/, ''],
  ])('rejects %s', (_name, source, message, flags) => {
    expect(rejection(source, flags)).toMatch(message);
  });

  it('explains what to do about an unbounded repeat', () => {
    expect(rejection('[a-z]+@example\\.com')).toBe(
      "repeats without limit in '[a-z]+'; that is only allowed at the very end of the pattern, elsewhere use a bound such as {1,64}",
    );
  });
});
