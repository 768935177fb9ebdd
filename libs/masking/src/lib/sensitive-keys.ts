import { MASK_TYPES } from './mask-types';
import { detectionCopy } from './normalise/detection-copy';
import {
  KEY_FAMILIES,
  type NameBoundary,
  NOT_A_PASSWORD_BEFORE_PASS,
  PUBLIC_KEY_NAMES,
} from './sensitive-key-families';

/** A mask type name: `PASSWORD`, `SECRET`, `PHONE`, … (see KEY_FAMILIES). */
export type SensitiveKeyType = string;

interface KeyName {
  type: SensitiveKeyType;
  boundary: NameBoundary;
  digitsOnly: boolean;
  /** Letters that, glued right before the name, make an ordinary word of it. */
  notAfter: readonly string[];
}

// Children are indexed by `code - 48` over '0'..'z'; an array beats a Map on this hot path.
const ALPHABET_SIZE = 75;

interface TrieNode {
  next: (TrieNode | undefined)[];
  name?: KeyName;
}

const emptyNode = (): TrieNode => ({ next: new Array<TrieNode | undefined>(ALPHABET_SIZE) });

/** The built-in names, as documented; matching ignores case, `_`, `-` and `.`. */
export const BUILT_IN_SENSITIVE_KEYS: readonly string[] = Object.freeze(
  KEY_FAMILIES.flatMap((family) => family.names),
);

/** Longest key the scanners look back over; longer identifiers are cut to their last 64 characters. */
export const MAX_KEY_LENGTH = 64;

const ALPHANUMERIC = /^[A-Za-z0-9]*$/;

/** Lowercase ASCII letter or digit code for `code`, 0 for a separator to skip, -1 for anything else. */
function normalizedCode(code: number): number {
  if (code >= 97 && code <= 122) return code;
  if (code >= 48 && code <= 57) return code;
  if (code >= 65 && code <= 90) return code + 32;
  if (code === 95 || code === 45 || code === 46) return 0;
  return -1;
}

function isIdentifier(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    if (normalizedCode(key.charCodeAt(i)) < 0) return false;
  }
  return true;
}

export function normalizeKey(key: string): string {
  // Most keys are plain identifiers (`requestId`): one native lower-casing, no string built per character.
  if (ALPHANUMERIC.test(key)) return key.toLowerCase();
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const code = normalizedCode(key.charCodeAt(i));
    if (code > 0) out += String.fromCharCode(code);
  }
  return out;
}

export interface KeyMatch {
  type: SensitiveKeyType;
  /** Index of the first character of the key in the scanned text. */
  keyStart: number;
  /** Only values holding a digit are secrets under this key (phones, cards, ids). */
  digitsOnly: boolean;
}

function identifierStart(text: string, from: number, floor: number): number {
  let start = from;
  while (start > floor && normalizedCode(text.charCodeAt(start - 1)) >= 0) start--;
  return start;
}

function isPublicName(text: string, keyStart: number, end: number): boolean {
  const key = normalizeKey(text.slice(keyStart, end));
  // A loop, not `some` with a closure over `key`: V8 made that closure on every call.
  for (let i = 0; i < PUBLIC_KEY_NAMES.length; i++)
    if (key.endsWith(PUBLIC_KEY_NAMES[i])) return true;
  return false;
}

// Symbols of `walkTable`: 0 a separator (`_`, `-`, `.`), 1–26 a letter in either case, 27–36 a
// digit, 37 anything else (which ends a key). Exported for the trigger scan's WebAssembly loop,
// which walks that table (wasm-scan/character-loop.ts).
export const KEY_SYMBOLS = 38;
const SYMBOLS = KEY_SYMBOLS;
const OTHER = 37;
export const KEY_SYMBOL_OF = new Uint8Array(65536).fill(OTHER);
KEY_SYMBOL_OF[95] = KEY_SYMBOL_OF[45] = KEY_SYMBOL_OF[46] = 0;
for (let letter = 0; letter < 26; letter++)
  KEY_SYMBOL_OF[97 + letter] = KEY_SYMBOL_OF[65 + letter] = 1 + letter;
for (let digit = 0; digit < 10; digit++) KEY_SYMBOL_OF[48 + digit] = 27 + digit;
/** The trie index (`normalizedCode - 48`) of each letter or digit symbol. */
const TRIE_INDEX = new Int8Array(SYMBOLS).fill(-1);
for (let letter = 0; letter < 26; letter++) TRIE_INDEX[1 + letter] = 97 + letter - 48;
for (let digit = 0; digit < 10; digit++) TRIE_INDEX[27 + digit] = digit;

const isUpper = (code: number): boolean => code >= 65 && code <= 90;
const isLower = (code: number): boolean => code >= 97 && code <= 122;
const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;

/** `i` starts a word of the key: at its start, after a separator, or at a lower-to-upper change. */
function startsWord(text: string, i: number, keyFloor: number): boolean {
  if (i <= keyFloor) return true;
  const before = text.charCodeAt(i - 1);
  if (normalizedCode(before) <= 0) return true;
  return isUpper(text.charCodeAt(i)) && (isLower(before) || isDigitCode(before));
}

/**
 * The sensitive key names, stored reversed in a trie so a scanner that has just met a `=` or `:`
 * can walk backwards over the key and usually give up after one character.
 */
export class SensitiveKeys {
  private readonly root: TrieNode = emptyNode();
  /**
   * For an ASCII pair (last character, the one before it), 0 when no key can end with it: the
   * trie walk would give up within two steps anyway, and most separators in a line are such
   * pairs (`level=`, `"ts":`), so one table lookup settles them.
   */
  private readonly endings = new Uint8Array(128 * 128);
  /** `walkTable`'s last answer and the row limit it was built for. */
  private walk: { maxRows: number; table: Uint16Array } | undefined;

  /**
   * `knownTypes` are the mask types the masker can emit: a family takes the first of its types
   * found there (a card security code is CARD_SECURITY where that type exists, SECRET before).
   */
  constructor(
    extraKeys: readonly string[] = [],
    knownTypes: ReadonlySet<string> = new Set(MASK_TYPES),
  ) {
    for (const family of KEY_FAMILIES) {
      const type = family.types.find((candidate) => knownTypes.has(candidate)) ?? 'SECRET';
      for (const name of family.names) {
        this.add(name, {
          type,
          boundary: family.boundary,
          digitsOnly: family.digitsOnly,
          notAfter: name === 'pass' ? NOT_A_PASSWORD_BEFORE_PASS : [],
        });
      }
    }
    for (const key of extraKeys) {
      this.add(key, { type: 'SECRET', boundary: 'suffix', digitsOnly: false, notAfter: [] });
    }
    for (let last = 0; last < 128; last++) {
      for (let before = 0; before < 128; before++) {
        this.endings[last * 128 + before] = this.pairMayEnd(last, before) ? 1 : 0;
      }
    }
  }

  /**
   * The trie as a table for a scanner that walks it outside JavaScript (the trigger scan's
   * WebAssembly loop): rows of KEY_SYMBOLS u16 cells, one per KEY_SYMBOL_OF symbol, row 0 the
   * root. A cell holds 0 where `matchEndingAt`'s walk gives up (no key ends so, or a character no
   * key holds), 1 where it reaches a name (whose boundary and public-name rules only
   * `matchEndingAt` checks), and n + 2 to go on at row n; a separator's cell points to its own
   * row, as the walk skips separators. Rows are numbered breadth first and stop at `maxRows`: a
   * node past them is cut to 1, so a long list of extra keys costs questions, never a miss.
   */
  walkTable(maxRows: number): Uint16Array {
    if (this.walk?.maxRows !== maxRows)
      this.walk = { maxRows, table: this.buildWalkTable(maxRows) };
    return this.walk.table;
  }

  private buildWalkTable(maxRows: number): Uint16Array {
    const rows: TrieNode[] = [this.root];
    const rowOf = new Map<TrieNode, number>([[this.root, 0]]);
    for (let row = 0; row < rows.length; row++) {
      for (const child of (rows[row] as TrieNode).next) {
        if (child === undefined || child.name !== undefined || rows.length >= maxRows) continue;
        rowOf.set(child, rows.length);
        rows.push(child);
      }
    }
    const table = new Uint16Array(rows.length * SYMBOLS);
    rows.forEach((node, row) => {
      const cells = row * SYMBOLS;
      table[cells] = row + 2;
      for (let symbol = 1; symbol < OTHER; symbol++) {
        const child = node.next[TRIE_INDEX[symbol] as number];
        if (child === undefined) continue;
        const childRow = rowOf.get(child);
        table[cells + symbol] = childRow === undefined ? 1 : childRow + 2;
      }
    });
    return table;
  }

  private pairMayEnd(last: number, before: number): boolean {
    const lastCode = normalizedCode(last);
    if (lastCode === 0) return true;
    const node = lastCode > 0 ? this.root.next[lastCode - 48] : undefined;
    if (node === undefined) return false;
    const beforeCode = normalizedCode(before);
    return (
      beforeCode === 0 ||
      node.name !== undefined ||
      (beforeCode > 0 && node.next[beforeCode - 48] !== undefined)
    );
  }

  /**
   * Cheap first test for scanners: can a sensitive key end with `last` preceded by `before`
   * (code units; anything beyond ASCII is left to the full walk)?
   */
  mayEndWithPair(last: number, before: number): boolean {
    return last >= 128 || before >= 128 || this.endings[last * 128 + before] === 1;
  }

  /** The type to mask a value under `key` as, or undefined when the key is not sensitive. */
  typeOf(key: string): SensitiveKeyType | undefined {
    return this.match(key)?.type;
  }

  /** Like `typeOf`, with the value rule of the key's family. */
  match(key: string): KeyMatch | undefined {
    if (isIdentifier(key)) return this.matchEndingAt(key, key.length, 0);
    // `pаssword` with a Cyrillic `а`, a zero-width space or a fullwidth letter inside.
    const detected = detectionCopy(key)?.text ?? key;
    // Any other character separates words like `_` does: `"API Key"`, `"password "`.
    const text = detected.replace(/[^A-Za-z0-9._-]/g, '_');
    return this.matchEndingAt(text, text.length, 0);
  }

  /**
   * Looks at the identifier (`[A-Za-z0-9_.-]`) that ends just before `end` in `text`.
   * Returns its type and start when its last word is a sensitive name.
   */
  matchEndingAt(text: string, end: number, limit = 0): KeyMatch | undefined {
    const floor = Math.max(limit, end - MAX_KEY_LENGTH);
    const last = text.charCodeAt(end - 1);
    const before = end - 2 >= floor ? text.charCodeAt(end - 2) : 32;
    if (last < 128 && before < 128 && this.endings[last * 128 + before] === 0) return undefined;
    let node = this.root;
    let keyStart = -1;
    for (let i = end - 1; i >= floor; i--) {
      const code = normalizedCode(text.charCodeAt(i));
      if (code < 0) return undefined;
      if (code === 0) continue;
      const next = node.next[code - 48];
      if (next === undefined) return undefined;
      node = next;
      const name = node.name;
      if (name === undefined) continue;
      // Found lazily: most walks give up after a character or two, long before a name.
      if (keyStart === -1) keyStart = identifierStart(text, i, floor);
      if (this.fits(name, text, i, keyStart)) {
        if (isPublicName(text, keyStart, end)) return undefined;
        return { type: name.type, keyStart, digitsOnly: name.digitsOnly };
      }
    }
    return undefined;
  }

  private fits(name: KeyName, text: string, i: number, keyStart: number): boolean {
    switch (name.boundary) {
      case 'whole':
        for (let j = keyStart; j < i; j++) {
          if (normalizedCode(text.charCodeAt(j)) > 0) return false;
        }
        return true;
      case 'word':
        return startsWord(text, i, keyStart);
      case 'suffix':
        if (name.notAfter.length > 0 && !startsWord(text, i, keyStart)) {
          const before = text.slice(Math.max(keyStart, i - 5), i).toLowerCase();
          if (name.notAfter.some((word) => before.endsWith(word))) return false;
        }
        return true;
    }
  }

  private add(key: string, name: KeyName): void {
    const normalized = normalizeKey(key);
    if (normalized === '') return;
    let node = this.root;
    for (let i = normalized.length - 1; i >= 0; i--) {
      const code = normalized.charCodeAt(i);
      let next = node.next[code - 48];
      if (next === undefined) {
        next = emptyNode();
        node.next[code - 48] = next;
      }
      node = next;
    }
    node.name ??= name;
  }
}

const builtInKeys = new SensitiveKeys();
// Callers usually pass the same configured array on every call; build its trie once.
const extendedKeys = new WeakMap<readonly string[], SensitiveKeys>();

/** True when values under `key` are secrets (`password`, `X-Api-Key`, `client_secret`, …). */
export function isSensitiveKey(key: string, extraKeys: readonly string[] = []): boolean {
  if (extraKeys.length === 0) return builtInKeys.typeOf(key) !== undefined;
  let keys = extendedKeys.get(extraKeys);
  if (keys === undefined) {
    keys = new SensitiveKeys(extraKeys);
    extendedKeys.set(extraKeys, keys);
  }
  return keys.typeOf(key) !== undefined;
}
