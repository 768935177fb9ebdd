import { detectionCopy } from './detection-copy';
import { withoutInvisibles } from './unicode';

/** The original text behind copy units `start`..`end`. */
function original(text: string, start: number, end: number): string {
  const copy = detectionCopy(text);
  if (copy === undefined) throw new Error('no copy');
  return text.slice(copy.starts[start], copy.ends[end - 1]);
}

describe('detectionCopy', () => {
  it.each([
    ['a fullwidth at sign', 'jane.doe＠example.com', 'jane.doe@example.com'],
    ['fullwidth digits and plus', '＋１ ４１５', '+1 415'],
    ['a fullwidth equals sign', 'password＝x', 'password=x'],
    ['a zero-width space', 'exam\u200Bple.org', 'example.org'],
    ['a soft hyphen', 'jane.d\u00ADoe', 'jane.doe'],
    ['bidi controls', 'pass\u202Eword', 'password'],
    ['a Cyrillic a', 'p\u0430ssword', 'password'],
    ['a Greek omicron', 't\u03BFken', 'token'],
    ['percent-encoding', 'jane.doe%40example.com', 'jane.doe@example.com'],
    ['double percent-encoding', 'john%2540example.net', 'john@example.net'],
    ['an encoded separator', 'password%3DEncoded', 'password=Encoded'],
    ['an encoded dot', 'eyJ%2EeyJ', 'eyJ.eyJ'],
    ['decimal entities', 'support&#64;example.com', 'support@example.com'],
    ['hex entities', 'sales&#x40;example.com', 'sales@example.com'],
    ['JSON unicode escapes', '\\u002B1415', '+1415'],
    ['a ligature', '\uFB01le', 'file'],
  ])('decodes %s', (_name, text, expected) => {
    expect(detectionCopy(text)?.text).toBe(expected);
  });

  it.each([
    ['plain ASCII', 'user=bob status=200'],
    ['a lone percent', '100% done, 5%x'],
    ['non-printable escapes', 'a%0Ab%00c'],
    ['escaped quotes', '\\u0022quoted\\u005C'],
    ['letters NFKC keeps', 'jürgen müller café'],
  ])('returns nothing for %s', (_name, text) => {
    expect(detectionCopy(text)).toBeUndefined();
  });

  it('maps each copy unit back to the original range it came from', () => {
    const text = 'to=jane%2540example.com&x=1';
    const copy = detectionCopy(text);
    expect(copy?.text).toBe('to=jane@example.com&x=1');
    const at = copy?.text.indexOf('jane') ?? -1;
    expect(original(text, at, at + 'jane@example.com'.length)).toBe('jane%2540example.com');
  });

  it('maps a code point that became several units to its whole range', () => {
    const text = 'x\uFB01y';
    expect(original(text, 1, 2)).toBe('\uFB01');
    expect(original(text, 2, 3)).toBe('\uFB01');
  });
});

describe('withoutInvisibles', () => {
  it.each([
    ['a zero-width space inside an ASCII word', 'exam\u200Bple', 'example'],
    ['a bidi override', 'abc\u202Edef', 'abcdef'],
    ['a soft hyphen', 'jane.d\u00ADoe', 'jane.doe'],
  ])('removes %s', (_name, text, expected) => expect(withoutInvisibles(text)).toBe(expected));

  it.each([
    ['an emoji joiner', '👩\u200D💻'],
    ['a Persian non-joiner', 'می\u200Cخواهم'],
  ])('keeps %s, which sits between two non-ASCII characters', (_name, text) => {
    expect(withoutInvisibles(text)).toBe(text);
  });
});
