import type { SensitiveKeys } from './sensitive-keys';
import {
  APOSTROPHE,
  AT,
  BACKSLASH,
  CHAR_KINDS,
  COLON,
  DASH,
  EQUALS,
  GREATER_THAN,
  HASH,
  LETTER_B,
  LETTER_K,
  NEWLINE,
  NON_ASCII,
  OPEN_BRACKET,
  OPEN_PAREN,
  PERCENT,
  PLUS,
  TAB,
  UNDERSCORE,
  UPPER_A,
  UPPER_J,
} from './char-kinds';
import { contextBitsAt } from './detectors/context-triggers';
import {
  blankSeparatedKeyAt,
  flagNameEnd,
  isBlank,
  namedKeyAt,
  sqlPasswordKeywordBefore,
} from './key-syntax';
import { sensitiveColumnValues } from './sql-insert';
import {
  bracketMayOpenPhrase,
  colonMayOpenPhrase,
  equalsMayOpenPhrase,
  parenMayOpenPhrase,
  tokenWordAt,
  lineMayHoldPhrase,
  lineOpensPhrase,
  quoteMayOpenPhrase,
} from './detectors/phrase-triggers';
import { Trigger } from './triggers';
import {
  CharacterLoop,
  STOP_ASKS_CONTEXT,
  STOP_ASKS_KEY,
  stopAt,
} from './wasm-scan/character-loop';

// The loop's first memory holds texts of this many code units; a longer text gets a loop twice
// as large, up to MAX_RETAINED_CAPACITY, and a longer one still a loop of its own that goes when
// its scan ends, so one huge input does not pin a huge memory for good.
const INITIAL_CAPACITY = 4096;
const MAX_RETAINED_CAPACITY = 1 << 18;

// One loop for every scanner of the process: a scan runs to its end without yielding.
let retainedLoop: CharacterLoop | undefined;

function loopFor(length: number): CharacterLoop {
  if (length > MAX_RETAINED_CAPACITY) return new CharacterLoop(length);
  if (retainedLoop === undefined || retainedLoop.capacity < length) {
    retainedLoop = new CharacterLoop(Math.max(INITIAL_CAPACITY, 2 ** Math.ceil(Math.log2(length))));
  }
  return retainedLoop;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isHex = (code: number): boolean => isDigit(code) || ((code | 32) >= 97 && (code | 32) <= 102);

/**
 * One pass over the text that reports which detector families could possibly match.
 * It must never under-report (a missed bit is a leak), so every condition here is a
 * necessary condition of some detector; the corpus and fuzz specs compare masking with and
 * without this scan to hold it to that.
 */
export class TriggerScanner {
  constructor(private readonly keys: SensitiveKeys) {}

  scan(text: string): number {
    const loop = loopFor(text.length);
    loop.load(text);
    try {
      const stops = loop.run(text.length, this.keys);
      const firstLine = loop.asksFirstLine() ? this.lineTriggers(text, 0) : 0;
      return firstLine | this.stopBits(text, loop.codes, loop.stops, stops) | loop.ownBits();
    } finally {
      loop.wipe(text.length);
    }
  }

  /**
   * What the characters the loop stopped at raise: each kind's own questions, asked in full (the
   * loop stops only where one of them may come out true), and the context question where the
   * loop found it worth asking.
   */
  private stopBits(text: string, codes: Uint16Array, stops: Int32Array, count: number): number {
    let bits = 0;
    for (let s = 0; s < count; s++) {
      const stop = stops[s] as number;
      const i = stopAt(stop);
      if ((stop & STOP_ASKS_KEY) !== 0) bits |= this.separatorKeyBits(text, codes, i);
      switch (CHAR_KINDS[codes[i] as number]) {
        case AT:
          bits |= Trigger.AT_SIGN;
          break;
        case PLUS:
          if (isDigit(codes[i + 1] as number)) bits |= Trigger.PHONE_PREFIX;
          break;
        case OPEN_PAREN:
          if (isAreaCodeInParens(codes, i)) bits |= Trigger.PHONE_PREFIX;
          if (parenMayOpenPhrase(text, i)) bits |= Trigger.PHRASE;
          if (sensitiveColumnValues(text, i, this.keys) !== undefined) {
            bits |= Trigger.SENSITIVE_KEY;
          }
          break;
        case COLON:
          if (colonMayOpenPhrase(text, codes, i)) bits |= Trigger.PHRASE;
          break;
        case EQUALS:
          if (equalsMayOpenPhrase(text, codes, i)) bits |= Trigger.PHRASE;
          break;
        case TAB:
          if (this.followsSensitiveKey(text, codes, i)) bits |= Trigger.SENSITIVE_KEY;
          break;
        case GREATER_THAN:
          if (this.followsSensitiveKey(text, codes, codes[i - 1] === 45 ? i - 1 : i)) {
            bits |= Trigger.SENSITIVE_KEY;
          }
          break;
        case NEWLINE:
          bits |= this.lineTriggers(text, i + 1);
          if (lineMayHoldPhrase(text, i)) bits |= Trigger.PHRASE;
          break;
        case DASH:
          bits |= this.dashTriggers(text, codes, i);
          break;
        case UNDERSCORE:
          if (isVendorTokenUnderscore(text, codes, i)) {
            bits |= Trigger.VENDOR_TOKEN_PREFIX;
          }
          break;
        case UPPER_J:
          if (codes[i - 1] === 121 && codes[i - 2] === 101) {
            bits |= Trigger.JWT_HEADER;
          }
          break;
        case UPPER_A:
          if (text.startsWith('KIA', i + 1) || text.startsWith('SIA', i + 1)) {
            bits |= Trigger.AWS_KEY_PREFIX;
          }
          break;
        case LETTER_B:
          if (isAuthScheme(codes, i)) bits |= Trigger.AUTH_SCHEME;
          break;
        case APOSTROPHE:
          if (isBlank(codes[i - 1] as number) && sqlPasswordKeywordBefore(text, i, this.keys)) {
            bits |= Trigger.SENSITIVE_KEY;
          }
          if (quoteMayOpenPhrase(codes, i)) bits |= Trigger.PHRASE;
          break;
        case OPEN_BRACKET:
          if (bracketMayOpenPhrase(text, i)) bits |= Trigger.PHRASE;
          break;
        case LETTER_K:
          if (tokenWordAt(codes, i)) bits |= Trigger.PHRASE;
          break;
        case PERCENT:
          if (codes[i + 1] === 52 && codes[i + 2] === 48) {
            bits |= Trigger.AT_SIGN;
          }
          if (isHex(codes[i + 1] as number) && isHex(codes[i + 2] as number)) {
            bits |= Trigger.ESCAPED;
          }
          break;
        case HASH:
          if (codes[i - 1] === 38) bits |= Trigger.ESCAPED;
          break;
        case BACKSLASH:
          if (codes[i + 1] === 117) bits |= Trigger.ESCAPED;
          break;
        case NON_ASCII:
          bits |= Trigger.NON_ASCII;
          break;
      }
      if ((stop & STOP_ASKS_CONTEXT) !== 0) bits |= contextBitsAt(text, codes, i);
    }
    return bits;
  }

  /** A sensitive key, or a `name`/`key` field naming one, before the `=` or `:` at `i`. */
  private separatorKeyBits(text: string, codes: Uint16Array, i: number): number {
    return this.followsSensitiveKey(text, codes, i) || namedKeyAt(text, i, this.keys) !== undefined
      ? Trigger.SENSITIVE_KEY
      : 0;
  }

  /**
   * Walks back from a `=`, `:` or `>` over blanks, a closing quote and a nested field's `]` to
   * the key before it.
   */
  private followsSensitiveKey(text: string, codes: Uint16Array, separator: number): boolean {
    let end = separator;
    const floor = Math.max(0, separator - 8);
    if (codes[end - 1] === 93) end--;
    while (end > floor && isBlankOrQuote(codes[end - 1] as number)) end--;
    // At the text start there is no character before the key: a blank stands in for it.
    const before = end >= 2 ? (codes[end - 2] as number) : 32;
    return (
      end > 0 &&
      this.keys.mayEndWithPair(codes[end - 1] as number, before) &&
      this.keys.matchEndingAt(text, end) !== undefined
    );
  }

  /** A config line `key   value` opening at `lineStart`. */
  private lineTriggers(text: string, lineStart: number): number {
    const phrase = lineOpensPhrase(text, lineStart) ? Trigger.PHRASE : 0;
    return blankSeparatedKeyAt(text, lineStart, this.keys) === undefined
      ? phrase
      : Trigger.SENSITIVE_KEY | phrase;
  }

  private dashTriggers(text: string, codes: Uint16Array, i: number): number {
    let bits = 0;
    if (codes[i + 1] === 45) {
      if (text.startsWith('-----BEGIN', i)) bits |= Trigger.PEM_HEADER;
      const nameEnd = flagNameEnd(text, i + 2);
      if (nameEnd > i + 2 && this.keys.matchEndingAt(text, nameEnd, i + 2) !== undefined) {
        bits |= Trigger.SENSITIVE_KEY;
      }
    }
    if (codes[i - 4] === 120 && isSlackPrefixBefore(text, i)) {
      bits |= Trigger.VENDOR_TOKEN_PREFIX;
    }
    return bits;
  }
}

/** `(415)`: the only way a parenthesised group can start a phone without a `+` or `00` first. */
function isAreaCodeInParens(codes: Uint16Array, i: number): boolean {
  return (
    isDigit(codes[i + 1] as number) &&
    isDigit(codes[i + 2] as number) &&
    isDigit(codes[i + 3] as number) &&
    codes[i + 4] === 41
  );
}

function isBlankOrQuote(code: number): boolean {
  // A backtick quotes MySQL names: `remember_token` = ? in a Laravel query log.
  return code === 32 || code === 9 || code === 34 || code === 39 || code === 92 || code === 96;
}

/** `xox?-` or `xapp-`, with `i` on the dash. */
function isSlackPrefixBefore(text: string, i: number): boolean {
  return text.startsWith('xox', i - 4) || text.startsWith('xapp', i - 4);
}

function isVendorTokenUnderscore(text: string, codes: Uint16Array, i: number): boolean {
  const before = codes[i - 1];
  if (codes[i - 3] === 103 && codes[i - 2] === 104) {
    return before === 112 || before === 111 || before === 117 || before === 115 || before === 114;
  }
  if (before === 107) {
    const first = codes[i - 2];
    return (
      (first === 115 || first === 114) &&
      (text.startsWith('live_', i + 1) || text.startsWith('test_', i + 1))
    );
  }
  if (before === 98) return text.startsWith('github', i - 6);
  if (before === 99) return text.startsWith('whsec', i - 5);
  return false;
}

/**
 * `Bearer ` or `Basic ` in any case. Reads the code units directly: a helper closure here would be
 * allocated on every `B` of every line the scan sees.
 */
function isAuthScheme(codes: Uint16Array, i: number): boolean {
  if (((codes[i + 1] as number) | 32) === 101) {
    return (
      ((codes[i + 2] as number) | 32) === 97 &&
      ((codes[i + 3] as number) | 32) === 114 &&
      ((codes[i + 4] as number) | 32) === 101 &&
      ((codes[i + 5] as number) | 32) === 114 &&
      isBlank(codes[i + 6] as number)
    );
  }
  return (
    ((codes[i + 1] as number) | 32) === 97 &&
    ((codes[i + 2] as number) | 32) === 115 &&
    ((codes[i + 3] as number) | 32) === 105 &&
    ((codes[i + 4] as number) | 32) === 99 &&
    isBlank(codes[i + 5] as number)
  );
}
