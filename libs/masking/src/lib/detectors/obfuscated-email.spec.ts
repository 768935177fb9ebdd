import { obfuscatedEmailDetector } from './obfuscated-email';

function found(text: string): string[] {
  const spans: string[] = [];
  obfuscatedEmailDetector.find(text, (type, start, end) =>
    spans.push(`${type}:${text.slice(start, end)}`),
  );
  return spans;
}

describe('obfuscated email detector', () => {
  it.each([
    [
      'brackets and spaces',
      'reach me at kim [at] example [dot] com or',
      'EMAIL:kim [at] example [dot] com',
    ],
    [
      'parentheses without spaces',
      'mail j.doe(at)example(dot)co(dot)uk',
      'EMAIL:j.doe(at)example(dot)co(dot)uk',
    ],
    ['capitals and a real dot', 'KIM[AT]EXAMPLE.COM', 'EMAIL:KIM[AT]EXAMPLE.COM'],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['"at" in prose', 'meet kim at example dot com'],
    ['a bracketed "at" without a domain after it', 'arrived [at] 10:42'],
    ['a domain without an alphabetic last label', 'node [at] host [dot] 42'],
    ['a log level in brackets', 'worker [AT] started'],
    ['a bracketed at followed by one word', 'kim [at] home'],
  ])('leaves %s', (_name, text) => expect(found(text)).toEqual([]));
});
