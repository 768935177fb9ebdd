import { endianness } from 'node:os';
import { ASKS_CONTEXT, CHAR_KINDS } from '../char-kinds';
import { WORTH_ASKING_TABLES } from '../detectors/context-triggers';
import {
  isKeywordSeparator,
  mayEndKeyword,
  mayEndKeywordPair,
  mayEndKeywordWithDigit,
} from '../detectors/keywords';
import { KEY_SYMBOL_OF, KEY_SYMBOLS, MAX_KEY_LENGTH, type SensitiveKeys } from '../sensitive-keys';
import { PREFIX_STEMS } from '../detectors/vendor-prefixes';
import { Trigger } from '../triggers';
import { TRIGGER_SKIP_WASM } from './trigger-skip.wasm';
import { KEY_WALK_BYTES, pagesFor, stopsOffset, WASM_LAYOUT } from './wasm-layout';

interface TriggerSkipExports {
  configure(): void;
  scan(length: number, stops: number): number;
  ownBits(): number;
}

/** A stop asks `contextBitsAt` (assembly/trigger-skip.ts `ASK_CONTEXT`). */
export const STOP_ASKS_CONTEXT = 1;
/** A sensitive key may end before this `=` or `:` (assembly/trigger-skip.ts `ASK_KEY`). */
export const STOP_ASKS_KEY = 2;
/** In what the loop's `scan` returns (assembly/trigger-skip.ts `FIRST_LINE_ASKS`). */
export const FIRST_LINE_ASKS = 1;

/** The index of the character a stop is at. */
export const stopAt = (stop: number): number => stop >> 2;

/** The rows of a key walk table that fit its region. */
const KEY_WALK_ROWS = Math.floor(KEY_WALK_BYTES / (KEY_SYMBOLS * 2));

// Below this length a plain loop beats the call into Buffer's native UTF-16 writer.
const SHORT_TEXT = 64;
// Buffer writes UTF-16 little-endian; elsewhere the text is copied unit by unit.
const NATIVE_ORDER = endianness() === 'LE';

let compiled: WebAssembly.Module | undefined;

/** Compiled once per process, on first use (about 6 KB of WebAssembly). */
function triggerSkipModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(TRIGGER_SKIP_WASM, 'base64'));
  return compiled;
}

/**
 * The trigger scan's character loop (assembly/trigger-skip.ts) with a memory of its own, for
 * texts of up to `capacity` code units. `load` copies a text in; `run` walks it and leaves the
 * stops the scanner must look at; `wipe` zeroes the copy, so no line outlives its scan here.
 */
export class CharacterLoop {
  /** The loaded text's code units, a 0 after it; valid until the next `load`. */
  readonly codes: Uint16Array;
  /** Written by `run`: per stop, `stopAt(stop)` and the questions it asks (STOP_ASKS_*). */
  readonly stops: Int32Array;
  private readonly bytes: Buffer;
  private readonly stopsAt: number;
  private readonly loop: TriggerSkipExports;
  private readonly memory: WebAssembly.Memory;
  private firstLineAsks = false;
  /** Whose key walk table is in the memory now: the last scanning masker's keys. */
  private keysInMemory: SensitiveKeys | undefined;

  constructor(readonly capacity: number) {
    const memory = new WebAssembly.Memory({ initial: pagesFor(capacity) });
    this.memory = memory;
    const instance = new WebAssembly.Instance(triggerSkipModule(), { env: { memory } });
    this.loop = instance.exports as unknown as TriggerSkipExports;
    writeTables(memory.buffer);
    this.loop.configure();
    this.codes = new Uint16Array(memory.buffer, WASM_LAYOUT.text, capacity + 1);
    this.bytes = Buffer.from(memory.buffer, WASM_LAYOUT.text, (capacity + 1) * 2);
    this.stopsAt = stopsOffset(capacity);
    this.stops = new Int32Array(memory.buffer, this.stopsAt, capacity + 1);
  }

  /** Copies `text` (at most `capacity` code units) in, followed by a 0. */
  load(text: string): void {
    const codes = this.codes;
    if (NATIVE_ORDER && text.length > SHORT_TEXT) {
      this.bytes.write(text, 0, 'utf16le');
    } else {
      for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
    }
    codes[text.length] = 0;
  }

  /**
   * Walks the loaded text of `length` units for a masker with these sensitive keys; returns how
   * many stops it wrote.
   */
  run(length: number, keys: SensitiveKeys): number {
    // Compared by the keys, not by their table: asking for the table on every run made V8 allocate.
    if (keys !== this.keysInMemory) {
      const keyWalk = keys.walkTable(KEY_WALK_ROWS);
      new Uint16Array(this.memory.buffer, WASM_LAYOUT.keyWalk, keyWalk.length).set(keyWalk);
      this.keysInMemory = keys;
    }
    const outcome = this.loop.scan(length, this.stopsAt);
    this.firstLineAsks = (outcome & FIRST_LINE_ASKS) !== 0;
    return outcome >> 1;
  }

  /** The trigger bits the last `run` raised itself (digit runs, IPv6 shapes). */
  ownBits(): number {
    return this.loop.ownBits();
  }

  /** Whether the last `run` found that the text's first line may raise a bit in `lineTriggers`. */
  asksFirstLine(): boolean {
    return this.firstLineAsks;
  }

  /** Zeroes the first `length` code units, the loaded text. */
  wipe(length: number): void {
    if (length <= SHORT_TEXT) {
      for (let i = 0; i < length; i++) this.codes[i] = 0;
    } else {
      this.codes.fill(0, 0, length);
    }
  }
}

/** Copies every table the loop reads from the TypeScript that defines it. */
function writeTables(buffer: ArrayBuffer): void {
  const bytes = new Uint8Array(buffer);
  const words = new Uint32Array(buffer);
  bytes.set(CHAR_KINDS, WASM_LAYOUT.kinds);
  words.set(WORTH_ASKING_TABLES.contextClass, WASM_LAYOUT.contextClass / 4);
  words.set(WORTH_ASKING_TABLES.askIfBefore, WASM_LAYOUT.askIfBefore / 4);
  words.set(WORTH_ASKING_TABLES.askIfAfter, WASM_LAYOUT.askIfAfter / 4);
  for (let code = 0; code < 65536; code++) {
    bytes[WASM_LAYOUT.keywordSeparators + code] = isKeywordSeparator(code) ? 1 : 0;
    bytes[WASM_LAYOUT.keywordLastCharacters + code] = mayEndKeyword(code) ? 1 : 0;
  }
  for (let last = 0; last < 128; last++) {
    for (let before = 0; before < 128; before++) {
      bytes[WASM_LAYOUT.keywordEndPairs + last * 128 + before] = mayEndKeywordPair(last, before)
        ? 1
        : 0;
    }
  }
  for (let digit = 0; digit < 10; digit++) {
    for (let before = 0; before < 128; before++) {
      bytes[WASM_LAYOUT.digitKeywordEnds + digit * 128 + before] = mayEndKeywordWithDigit(
        48 + digit,
        before,
      )
        ? 1
        : 0;
    }
  }
  bytes.set(ASKS_CONTEXT, WASM_LAYOUT.asksContext);
  writeStemEndPairs(bytes);
  bytes.set(KEY_SYMBOL_OF, WASM_LAYOUT.keySymbolOf);
  new Int32Array(buffer, WASM_LAYOUT.settings, 6).set([
    Trigger.NUMBER_RUN,
    Trigger.PHONE_PREFIX,
    Trigger.IBAN_PREFIX,
    Trigger.HEX_COLONS,
    KEY_SYMBOLS,
    MAX_KEY_LENGTH,
  ]);
}

/** For the `-` stems, then the `_` ones: the last two characters of each, lower-cased. */
function writeStemEndPairs(bytes: Uint8Array): void {
  [45, 95].forEach((separator, table) => {
    for (const stem of PREFIX_STEMS.get(separator) ?? []) {
      const last = stem.charCodeAt(stem.length - 1);
      // A one-character stem would leave any character before it; there is none today.
      const before = stem.length > 1 ? stem.charCodeAt(stem.length - 2) : -1;
      for (let other = 0; other < 128; other++) {
        if (before === -1 || other === before) {
          bytes[WASM_LAYOUT.stemEndPairs + table * 16384 + last * 128 + other] = 1;
        }
      }
    }
  });
}
