import type { SensitiveKeys } from './sensitive-keys';
import { CodeUnits } from './code-units';
import {
  CONTEXT_CHARACTERS,
  contextBitsAt,
  digitRunMayMatter,
  worthAsking,
} from './detectors/context-triggers';
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

// The kind of each character for the scan below: plain numbers rather than a `const enum`,
// which the API's build (ts-loader, transpile-only) emits as an object read on every character.
const BORING = 0;
const NUL = 1;
const DIGIT = 2;
const TAB = 3;
const NEWLINE = 4;
const HASH = 5;
const BACKSLASH = 6;
const NON_ASCII = 7;
const AT = 8;
const PLUS = 9;
const OPEN_PAREN = 10;
const COLON = 11;
const EQUALS = 12;
const GREATER_THAN = 13;
const DASH = 14;
const UNDERSCORE = 15;
const UPPER_J = 16;
const UPPER_A = 17;
const LETTER_B = 18;
const PERCENT = 19;
const APOSTROPHE = 20;
const CONTEXT = 21;
const OPEN_BRACKET = 22;
const LETTER_K = 23;

// Indexed by UTF-16 code unit.
const CHAR_KINDS = new Uint8Array(65536).fill(NON_ASCII, 0x80);
CHAR_KINDS[0] = NUL;
for (let code = 48; code <= 57; code++) CHAR_KINDS[code] = DIGIT;
CHAR_KINDS[9] = TAB;
CHAR_KINDS[10] = NEWLINE;
// `&#64;` is seen from its `#`: the `&` may be claimed by other triggers.
CHAR_KINDS[35] = HASH;
CHAR_KINDS[92] = BACKSLASH;
CHAR_KINDS[64] = AT;
CHAR_KINDS[43] = PLUS;
CHAR_KINDS[40] = OPEN_PAREN;
CHAR_KINDS[58] = COLON;
CHAR_KINDS[61] = EQUALS;
CHAR_KINDS[62] = GREATER_THAN;
CHAR_KINDS[45] = DASH;
CHAR_KINDS[95] = UNDERSCORE;
CHAR_KINDS[74] = UPPER_J;
CHAR_KINDS[65] = UPPER_A;
CHAR_KINDS[66] = LETTER_B;
CHAR_KINDS[98] = LETTER_B;
CHAR_KINDS[37] = PERCENT;
CHAR_KINDS[39] = APOSTROPHE;
CHAR_KINDS[91] = OPEN_BRACKET;
CHAR_KINDS[107] = LETTER_K;
for (const char of CONTEXT_CHARACTERS) CHAR_KINDS[char.charCodeAt(0)] = CONTEXT;
// The kinds of the characters `contextBitsAt` handles besides digits (see ASK_IF_BEFORE and
// ASK_IF_AFTER in context-triggers.ts): every other kind skips the context question.
const ASKS_CONTEXT = new Uint8Array(LETTER_K + 1);
for (const kind of [CONTEXT, PERCENT, DASH, UNDERSCORE, COLON, EQUALS, UPPER_A]) {
  ASKS_CONTEXT[kind] = 1;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isAsciiAlphanumeric = (code: number): boolean =>
  (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
const isUpper = (code: number): boolean => code >= 65 && code <= 90;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;
const isHex = (code: number): boolean => isDigit(code) || ((code | 32) >= 97 && (code | 32) <= 102);

/**
 * One pass over the text that reports which detector families could possibly match.
 * It must never under-report (a missed bit is a leak), so every condition here is a
 * necessary condition of some detector; the corpus and fuzz specs compare masking with and
 * without this scan to hold it to that.
 */
export class TriggerScanner {
  // Results of the run helpers, kept on the instance so the hot loop allocates nothing.
  private runBits = 0;
  private hexRunEnd = 0;

  private readonly units = new CodeUnits();

  constructor(private readonly keys: SensitiveKeys) {}

  scan(text: string): number {
    const codes = this.units.load(text);
    try {
      return this.scanCodes(text, codes);
    } finally {
      this.units.wipe(text.length);
    }
  }

  private scanCodes(text: string, codes: Uint16Array): number {
    let bits = this.lineTriggers(text, 0);
    const length = text.length;
    let hexScannedUntil = 0;
    for (let i = 0; i < length; i++) {
      let kind = CHAR_KINDS[codes[i] as number] as number;
      // Most characters are boring: one tight loop skips a run of them; the sentinel after the
      // text (and any NUL in it) has a kind of its own, so the loop needs no bounds test.
      while (kind === BORING) kind = CHAR_KINDS[codes[++i] as number] as number;
      if (kind === NUL) {
        if (i >= length) break;
        continue;
      }
      if (kind === DIGIT) {
        if (digitRunMayMatter(codes, i) && !isTimestampAt(codes, i)) {
          bits |= contextBitsAt(text, codes, i);
        }
        const plainEnd = plainRunEnd(codes, i);
        if (plainEnd !== -1) {
          i = plainEnd - 1;
          continue;
        }
        i = this.scanNumberRun(codes, i);
        bits |= this.runBits;
        continue;
      }
      switch (kind) {
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
          if (i >= hexScannedUntil) {
            if (this.hasIpv6Shape(codes, i)) bits |= Trigger.HEX_COLONS;
            hexScannedUntil = this.hexRunEnd;
          }
          if (this.keyMayEndBefore(codes, i)) bits |= this.separatorKeyBits(text, codes, i);
          if (colonMayOpenPhrase(text, codes, i)) bits |= Trigger.PHRASE;
          break;
        case EQUALS:
          if (this.keyMayEndBefore(codes, i)) bits |= this.separatorKeyBits(text, codes, i);
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
      if (ASKS_CONTEXT[kind] === 1 && worthAsking(codes, i)) bits |= contextBitsAt(text, codes, i);
    }
    return bits;
  }

  /**
   * Consumes a run of digits joined by single ` `, `-` or `.` and returns the index of its last
   * character. Every numeric detector matches inside one such run and needs at least nine of its
   * digits (or, for IPv4, three of its dots), which rules out nearly every run in a log line
   * (dates, times, durations, ids) before any closer look.
   */
  private scanNumberRun(codes: Uint16Array, start: number): number {
    this.runBits = 0;
    const before = codes[start - 1] ?? 0;
    if (isUpper(before) && isUpper(codes[start - 2] ?? 0)) {
      this.runBits |= Trigger.IBAN_PREFIX;
    }
    if (!isNumberGlue(before)) this.checkInternationalPrefix(codes, start);
    let digits = 0;
    let dots = 0;
    let end = start;
    for (;;) {
      while (isDigit(codes[end] as number)) {
        end++;
        digits++;
      }
      const separator = codes[end] as number;
      if (
        (separator !== 32 && separator !== 45 && separator !== 46) ||
        !isDigit(codes[end + 1] as number)
      ) {
        break;
      }
      if (separator === 46) dots++;
      end++;
      if (separator === 32) this.checkInternationalPrefix(codes, end);
    }
    if (dots >= 3 || (digits >= 9 && canHoldNumericFinding(codes, start, end))) {
      this.runBits |= Trigger.NUMBER_RUN;
    }
    return end - 1;
  }

  /** `0049 …`: an international prefix, which may continue with a `(30)` group after the run. */
  private checkInternationalPrefix(codes: Uint16Array, start: number): void {
    if (codes[start] === 48 && codes[start + 1] === 48 && isDigit(codes[start + 2] as number)) {
      this.runBits |= Trigger.PHONE_PREFIX;
    }
  }

  /** `::` anywhere, or hex groups joined by at least six colons (full or IPv4-suffixed form). */
  private hasIpv6Shape(codes: Uint16Array, colon: number): boolean {
    this.hexRunEnd = colon + 1;
    if (codes[colon + 1] === 58) return true;
    if (!isHex(codes[colon - 1] ?? 0) || !isHex(codes[colon + 1] as number)) return false;
    let colons = 0;
    let i = colon;
    const limit = colon + 40;
    for (; i < limit; i++) {
      const code = codes[i] as number;
      if (code === 58) {
        colons++;
        if (codes[i + 1] === 58) break;
      } else if (!isHex(code)) {
        break;
      }
    }
    this.hexRunEnd = i;
    return colons >= 6 || codes[i] === 58;
  }

  /**
   * The cheap half of `separatorKeyBits`: false when the word right before the `=` or `:` at `i`
   * (or before its closing quote) ends with three characters no key ends with and a pair no
   * `name`/`key` field ends with. Table reads settle most separators of a line this way
   * (`level=`, `"ts":`, `12:34`, `tls=`). Where the walk back is not so simple (blanks, escapes,
   * a nested field's `]`) the full checks decide.
   */
  private keyMayEndBefore(codes: Uint16Array, i: number): boolean {
    let end = i;
    let last = i > 0 ? (codes[i - 1] as number) : 0;
    if (last === 34 || last === 39) {
      end--;
      last = end > 0 ? (codes[end - 1] as number) : 0;
    }
    if (!isAsciiAlphanumeric(last)) return true;
    // Before the text start the walks see no key character; a blank stands in for it.
    const before = end >= 2 ? (codes[end - 2] as number) : 32;
    const beforeThat = end >= 3 ? (codes[end - 3] as number) : 32;
    return endsNameField(last, before) || this.keys.mayEndWithTriple(last, before, beforeThat);
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

/**
 * A `name` or `key` field (key-syntax.ts, `namedKeyAt`) ends with `me` or `ey`, in any case; the
 * same `| 32` folding as there, so no pair it accepts is missed.
 */
function endsNameField(last: number, before: number): boolean {
  return (
    ((last | 32) === 101 && (before | 32) === 109) || ((last | 32) === 121 && (before | 32) === 101)
  );
}

/**
 * The end of the digits from `start` when they form a run `scanNumberRun` has nothing to say
 * about, else -1: fewer than nine digits, no ` `, `-` or `.` joining more digits, no `00` that
 * could open an international prefix and no capitals before (an IBAN's country code). Most
 * digit runs of a log line (times, durations, sizes, the digits inside hex ids) end here without
 * the full walk.
 */
function plainRunEnd(codes: Uint16Array, start: number): number {
  let end = start + 1;
  while (isDigit(codes[end] as number)) end++;
  if (end - start >= 9 || (codes[start] === 48 && codes[start + 1] === 48)) return -1;
  if (start > 0 && isUpper(codes[start - 1] as number)) return -1;
  const separator = codes[end] as number;
  if (
    (separator === 32 || separator === 45 || separator === 46) &&
    isDigit(codes[end + 1] as number)
  ) {
    return -1;
  }
  return end;
}

/**
 * Whether some numeric detector could match in the run `[start, end)`. A finding starts at the
 * run itself (when no letter, digit, `_`, `.`, `+` or `-` glues it to what precedes) or after a
 * space in it; what can start there depends on the first group: a card needs 4 digits (or 13
 * to 19 unbroken), a trunk phone a leading 0, a North American phone or SSN 3 digits (or a `1`)
 * before a `-` or `.`. Each such start then needs enough digits to the end of the run.
 */
function canHoldNumericFinding(codes: Uint16Array, start: number, end: number): boolean {
  let digitsAfter = 0;
  let groupLength = 0;
  for (let i = end - 1; i >= start - 1; i--) {
    const code = i >= start ? (codes[i] as number) : 32;
    if (isDigit(code)) {
      digitsAfter++;
      groupLength++;
      continue;
    }
    const isStart = code === 32 && (i >= start || !isNumberGlue(codes[start - 1] ?? 0));
    if (isStart && groupLength > 0) {
      const firstDigit = codes[i + 1] as number;
      const separator = codes[i + 1 + groupLength] as number;
      const groupEnd = i + 1 + groupLength;
      if (
        digitsAfter >= digitsNeededFrom(groupLength, firstDigit, groupEnd < end ? separator : 0)
      ) {
        return true;
      }
    }
    groupLength = 0;
  }
  return false;
}

/**
 * How many digits a finding starting with a group of `length` digits needs, by the first group's
 * shape and the separator after it (0 for none); Infinity when no numeric detector starts so.
 */
function digitsNeededFrom(length: number, firstDigit: number, separator: number): number {
  if (firstDigit === 48) return 9;
  if ((length === 3 || length === 1) && (separator === 45 || separator === 46)) return 9;
  const cardIssuer = firstDigit >= 50 && firstDigit <= 54;
  if (cardIssuer && (length === 4 || (length >= 13 && length <= 19))) return 13;
  return Infinity;
}

/**
 * The date or the time of an ISO timestamp (`2024-05-24T16:10:31`), which opens most log lines:
 * `yyyy-mm-dd` before a `T` or a blank, or `hh:mm:ss` after a `T`. No context finding starts
 * with either, so the context question is skipped for them.
 */
function isTimestampAt(codes: Uint16Array, i: number): boolean {
  if (codes[i + 4] === 45) {
    const after = codes[i + 10];
    return (
      codes[i + 7] === 45 &&
      isDigit(codes[i + 3] as number) &&
      isDigit(codes[i + 5] as number) &&
      isDigit(codes[i + 6] as number) &&
      isDigit(codes[i + 8] as number) &&
      isDigit(codes[i + 9] as number) &&
      (after === 84 || after === 32)
    );
  }
  return (
    codes[i - 1] === 84 &&
    codes[i + 2] === 58 &&
    codes[i + 5] === 58 &&
    isDigit(codes[i + 1] as number) &&
    isDigit(codes[i + 3] as number)
  );
}

/** Characters that glue a digit run to the word before it: `ORD-2024-000123`, `v1.2.3`, `x86_64`. */
function isNumberGlue(code: number): boolean {
  return (
    isDigit(code) || isLetter(code) || code === 95 || code === 46 || code === 43 || code === 45
  );
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
