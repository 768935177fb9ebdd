import { foldConfusable } from './confusables';
import { isInvisible, nfkcOf } from './unicode';

/**
 * A copy of the text that detectors scan, with escapes decoded and confusable letters folded,
 * and for each of its code units the range of the original text it came from.
 */
export interface DetectionCopy {
  text: string;
  /** `starts[i]`..`ends[i]` is the original range of copy unit `i`. */
  starts: Int32Array;
  ends: Int32Array;
}

// Percent-encoding may be applied twice (`%2540` is `%40` is `@`); three times is not seen in
// practice, and each round is one linear pass.
const PERCENT_ROUNDS = 2;
// `&#1234567;` is the longest numeric entity worth reading.
const MAX_ENTITY_DIGITS = 7;

const hexValue = (code: number): number => {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
};

/** Printable ASCII only: a decoded newline or non-ASCII letter would change the line's shape. */
const isPrintableAscii = (code: number): boolean => code >= 0x20 && code < 0x7f;

interface Decoded {
  code: number;
  length: number;
}

/** `%XX`, `&#NN;`, `&#xHH;` or `\uXXXX` at `i`, decoded to printable ASCII, or undefined. */
function escapeAt(text: string, i: number, entities: boolean): Decoded | undefined {
  const code = text.charCodeAt(i);
  if (code === 37 /* % */) {
    const high = hexValue(text.charCodeAt(i + 1));
    const low = hexValue(text.charCodeAt(i + 2));
    if (high < 0 || low < 0) return undefined;
    const value = high * 16 + low;
    return isPrintableAscii(value) ? { code: value, length: 3 } : undefined;
  }
  if (!entities) return undefined;
  if (code === 38 /* & */ && text.charCodeAt(i + 1) === 35 /* # */) {
    const hex = (text.charCodeAt(i + 2) | 32) === 120;
    let j = hex ? i + 3 : i + 2;
    let value = 0;
    const first = j;
    while (j - first < MAX_ENTITY_DIGITS) {
      const digit = hex ? hexValue(text.charCodeAt(j)) : text.charCodeAt(j) - 48;
      if (digit < 0 || digit > (hex ? 15 : 9)) break;
      value = value * (hex ? 16 : 10) + digit;
      j++;
    }
    if (j === first || text.charCodeAt(j) !== 59 /* ; */ || !isPrintableAscii(value)) {
      return undefined;
    }
    return { code: value, length: j + 1 - i };
  }
  if (code === 92 /* \ */ && text.charCodeAt(i + 1) === 117 /* u */) {
    let value = 0;
    for (let k = 2; k < 6; k++) {
      const digit = hexValue(text.charCodeAt(i + k));
      if (digit < 0) return undefined;
      value = value * 16 + digit;
    }
    // A decoded quote or backslash would end a JSON string early in the copy.
    if (!isPrintableAscii(value) || value === 34 || value === 92) return undefined;
    return { code: value, length: 6 };
  }
  return undefined;
}

/**
 * Appends the detection form of the code point at `i` (nothing for an invisible character,
 * else its NFKC with confusable letters folded) and returns the index after it.
 */
function foldNonAscii(text: string, i: number, codes: number[]): number {
  const codePoint = text.codePointAt(i) as number;
  const next = i + (codePoint > 0xffff ? 2 : 1);
  if (isInvisible(codePoint)) return next;
  const normalised = nfkcOf(codePoint);
  for (let k = 0; k < normalised.length; k++) codes.push(foldConfusable(normalised.charCodeAt(k)));
  return next;
}

interface Pass {
  text: string;
  /** Copy unit `k` came from input units `from[k]`..`to[k]`. */
  from: Int32Array;
  to: Int32Array;
}

/** One decoding pass; `folds` also normalises non-ASCII. Undefined if nothing changed. */
function decodePass(text: string, entities: boolean, folds: boolean): Pass | undefined {
  const codes: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let changed = false;
  for (let i = 0; i < text.length; ) {
    const start = i;
    const at = codes.length;
    const decoded = escapeAt(text, i, entities);
    if (decoded !== undefined) {
      codes.push(decoded.code);
      i += decoded.length;
      changed = true;
    } else if (folds && text.charCodeAt(i) >= 0x80) {
      i = foldNonAscii(text, i, codes);
      changed ||= codes.length - at !== i - start || codes[at] !== text.charCodeAt(start);
    } else {
      codes.push(text.charCodeAt(i));
      i++;
    }
    // A code point that became several units (`ﬁ` → `fi`) maps each of them to its whole range.
    for (let k = at; k < codes.length; k++) {
      from.push(start);
      to.push(i);
    }
  }
  if (!changed) return undefined;
  let out = '';
  // Chunked so a long line does not overflow the argument limit of fromCharCode.
  for (let i = 0; i < codes.length; i += 8192) {
    out += String.fromCharCode(...codes.slice(i, i + 8192));
  }
  return { text: out, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/**
 * Decodes percent-escapes (up to twice, for double encoding), HTML numeric entities and JSON
 * `\u` escapes that stand for printable ASCII, and folds confusable letters, for detection only:
 * findings are mapped back to the original text, which keeps its encoding. Linear: each pass
 * reads every code unit once. Returns undefined when the copy would equal the text.
 */
export function detectionCopy(text: string): DetectionCopy | undefined {
  const first = decodePass(text, true, true);
  if (first === undefined) return undefined;
  let current = { text: first.text, starts: first.from, ends: first.to };
  for (let round = 1; round < PERCENT_ROUNDS && current.text.includes('%'); round++) {
    const next = decodePass(current.text, false, false);
    if (next === undefined) break;
    const starts = new Int32Array(next.text.length);
    const ends = new Int32Array(next.text.length);
    for (let i = 0; i < next.text.length; i++) {
      starts[i] = current.starts[next.from[i] as number] as number;
      ends[i] = current.ends[(next.to[i] as number) - 1] as number;
    }
    current = { text: next.text, starts, ends };
  }
  return current;
}
