/**
 * Characters that render as nothing yet split a word for a scanner: zero-width space, joiner and
 * non-joiner (U+200B–U+200D), word joiner (U+2060), byte-order mark (U+FEFF), soft hyphen
 * (U+00AD), and the bidirectional controls (U+200E/U+200F, U+202A–U+202E, U+2066–U+2069) that
 * can also reorder what a reader sees.
 */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

export function isInvisible(code: number): boolean {
  return (
    code === 0x00ad ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    code === 0x2060 ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/**
 * The text as stored: invisible characters removed, so a reader sees what the scanner saw —
 * except between two non-ASCII characters, where a joiner has a typographic job (emoji
 * sequences such as 👩‍💻, Persian and Indic words) and no ASCII secret can be split by it.
 */
export function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, (char, offset: number) => {
    const before = text.charCodeAt(offset - 1);
    const after = text.charCodeAt(offset + 1);
    return before >= 0x80 && after >= 0x80 ? char : '';
  });
}

// Most non-ASCII text repeats a small alphabet; remembering the answers keeps NFKC off the
// hot path. Bounded so a text of distinct code points cannot grow it without limit.
const MAX_CACHED = 4096;
const nfkcCache = new Map<number, string>();

/** NFKC of one code point: fullwidth `＠` is `@`, `＋１` is `+1`, `ﬁ` is `fi`. */
export function nfkcOf(codePoint: number): string {
  let folded = nfkcCache.get(codePoint);
  if (folded === undefined) {
    folded = String.fromCodePoint(codePoint).normalize('NFKC');
    if (nfkcCache.size < MAX_CACHED) nfkcCache.set(codePoint, folded);
  }
  return folded;
}
