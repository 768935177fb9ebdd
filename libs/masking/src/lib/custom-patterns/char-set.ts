/**
 * A conservative character set: exact for ASCII, and a single "some non-ASCII characters" flag
 * beyond it, so two sets that both reach past ASCII are always treated as overlapping.
 */
export interface CharSet {
  readonly ascii: bigint;
  readonly nonAscii: boolean;
}

const ALL_ASCII = (1n << 128n) - 1n;

export const EMPTY: CharSet = { ascii: 0n, nonAscii: false };

export function charRange(from: number, to: number): CharSet {
  let ascii = 0n;
  for (let code = from; code <= Math.min(to, 127); code++) ascii |= 1n << BigInt(code);
  return { ascii, nonAscii: to >= 128 };
}

export function singleChar(code: number): CharSet {
  return charRange(code, code);
}

export function union(...sets: readonly CharSet[]): CharSet {
  return sets.reduce(
    (acc, set) => ({ ascii: acc.ascii | set.ascii, nonAscii: acc.nonAscii || set.nonAscii }),
    EMPTY,
  );
}

export function complement(set: CharSet): CharSet {
  return { ascii: ALL_ASCII & ~set.ascii, nonAscii: true };
}

export function overlaps(a: CharSet, b: CharSet): boolean {
  return (a.ascii & b.ascii) !== 0n || (a.nonAscii && b.nonAscii);
}

/** Adds the other case of every ASCII letter, for the `i` flag. */
export function caseFolded(set: CharSet): CharSet {
  let ascii = set.ascii;
  for (let code = 65; code <= 90; code++) {
    const upper = 1n << BigInt(code);
    const lower = 1n << BigInt(code + 32);
    if ((ascii & (upper | lower)) !== 0n) ascii |= upper | lower;
  }
  return { ascii, nonAscii: set.nonAscii };
}

export const DIGITS = charRange(48, 57);
export const WORD = union(charRange(65, 90), charRange(97, 122), DIGITS, singleChar(95));
export const SPACE = union(charRange(9, 13), singleChar(32), { ascii: 0n, nonAscii: true });
export const ANY = { ascii: ALL_ASCII, nonAscii: true };
export const ANY_BUT_NEWLINE = complement(union(singleChar(10), singleChar(13)));
