/**
 * Where the WebAssembly character loop (libs/masking/assembly/trigger-skip.ts) finds its tables,
 * the text and the stops in its memory, in bytes. The loop has the same numbers as constants; a
 * spec reads them from its source and compares.
 */
export const WASM_LAYOUT = {
  /** u8 per UTF-16 code unit: char-kinds.ts `CHAR_KINDS`. */
  kinds: 0,
  /** u32 per code unit: the classes `worthAsking` reads (context-triggers.ts). */
  contextClass: 65536,
  askIfBefore: 327680,
  askIfAfter: 589824,
  /** u8 per code unit: keywords.ts `isKeywordSeparator`. */
  keywordSeparators: 851968,
  /** u8 per code unit: keywords.ts `mayEndKeyword`. */
  keywordLastCharacters: 917504,
  /** u8 per (last, before), both ASCII: keywords.ts `mayEndKeywordPair`. */
  keywordEndPairs: 983040,
  /** u8 per (digit, before), before ASCII: keywords.ts `mayEndKeywordWithDigit`. */
  digitKeywordEnds: 999424,
  /** u8 per kind: char-kinds.ts `ASKS_CONTEXT`. */
  asksContext: 1000704,
  /**
   * i32 × 6: the trigger bits NUMBER_RUN, PHONE_PREFIX, IBAN_PREFIX, HEX_COLONS; KEY_SYMBOLS and
   * MAX_KEY_LENGTH.
   */
  settings: 1000736,
  /** u8 per (last, before) of a vendor stem, case-folded: the `-` stems, then the `_` ones. */
  stemEndPairs: 1001472,
  /** u8 per code unit: sensitive-keys.ts `KEY_SYMBOL_OF`. */
  keySymbolOf: 1048576,
  /** u16 rows of key-symbol cells: the scanning masker's `SensitiveKeys.walkTable`. */
  keyWalk: 1114112,
  /** u16 per code unit of the text, then a 0; zeros before it for the loop's look-back. */
  text: 1179648,
} as const;

/** Zeros kept before the text, past the farthest look-back of the loop (40 units). */
const LOOK_BEHIND_BYTES = 128;

/** Bytes for the key walk's rows, up to the zeros before the text. */
export const KEY_WALK_BYTES = WASM_LAYOUT.text - LOOK_BEHIND_BYTES - WASM_LAYOUT.keyWalk;

/** Zeros kept after the text's sentinel, past the farthest look-ahead of the loop (40 units). */
const LOOK_AHEAD_BYTES = 128;

const PAGE = 65536;

/** Byte offset of the stops (i32, so 4-aligned) for a memory whose text holds `capacity` units. */
export function stopsOffset(capacity: number): number {
  const textEnd = WASM_LAYOUT.text + (capacity + 1) * 2 + LOOK_AHEAD_BYTES;
  return Math.ceil(textEnd / 4) * 4;
}

/** Pages of memory for a text of `capacity` code units and one stop per unit. */
export function pagesFor(capacity: number): number {
  return Math.ceil((stopsOffset(capacity) + (capacity + 1) * 4) / PAGE);
}
