// The character loop of the trigger scan (src/lib/trigger-scan.ts), compiled to WebAssembly by
// AssemblyScript (`npm run build:masking-wasm`). It walks the text's UTF-16 code units, skips
// what no detector cares about, settles every digit run itself and leaves the scanner one stop
// per character that needs a question only JavaScript can answer (a key trie, a keyword list).
// In V8's JavaScript the same loop paid a map check, a base-pointer reload and a bounds check on
// every character; here a load is one instruction (bench/findings.md, 2026-12-03).
//
// The scan must never under-report (a missed trigger is a leak). Two kinds of code below keep it
// so: the digit runs and the IPv6 shape are settled here, by functions that mirror the
// JavaScript they replaced line for line; every stop is decided by gates (`mayAnswer` for a
// kind's own questions; `digitMayAnswer`, `equalsMayAnswerContext` and
// `separatorMayAnswerContext` for the context question) that hold only necessary conditions of
// the scanner's questions, which it then asks in full. The corpus and fuzz specs that compare
// masking with and without the scan hold this loop to that as they held the JavaScript one.
//
// The memory is the scanner's (imported); wasm-layout.ts is its map, and the tables in it are
// copied from the TypeScript that defines them, so each rule has one source.

// Table offsets: keep in step with src/lib/wasm-scan/wasm-layout.ts (a spec checks both).
const KINDS: u32 = 0; // u8 per code unit: the scan's character kind
const CLASS: u32 = 65536; // u32 per code unit: context-triggers.ts's classes
const ASK_IF_BEFORE: u32 = 327680; // u32 per code unit
const ASK_IF_AFTER: u32 = 589824; // u32 per code unit
const KEYWORD_SEPARATORS: u32 = 851968; // u8 per code unit
const KEYWORD_LAST_CHARACTERS: u32 = 917504; // u8 per code unit
const KEYWORD_END_PAIRS: u32 = 983040; // u8 per (last, before), both ASCII
const DIGIT_KEYWORD_ENDS: u32 = 999424; // u8 per (digit, before), before ASCII
const ASKS_CONTEXT: u32 = 1000704; // u8 per kind
const SETTINGS: u32 = 1000736; // i32 × 6: the trigger bits and key settings below
const STEM_END_PAIRS: u32 = 1001472; // u8 per (last, before), case-folded: `-` stems, then `_`
const KEY_SYMBOL_OF: u32 = 1048576; // u8 per code unit: sensitive-keys.ts's symbols
const KEY_WALK: u32 = 1114112; // u16 per (row, symbol): the scanning masker's key trie
const TEXT: u32 = 1179648; // u16 per code unit, a 0 after the text; zeros on both sides

// Character kinds, as char-kinds.ts numbers them (a spec compares).
const BORING: u32 = 0;
const NUL: u32 = 1;
const DIGIT: u32 = 2;
const NEWLINE: u32 = 4;
const HASH: u32 = 5;
const BACKSLASH: u32 = 6;
const PLUS: u32 = 9;
const OPEN_PAREN: u32 = 10;
const COLON: u32 = 11;
const EQUALS: u32 = 12;
const DASH: u32 = 14;
const UNDERSCORE: u32 = 15;
const UPPER_J: u32 = 16;
const UPPER_A: u32 = 17;
const LETTER_B: u32 = 18;
const PERCENT: u32 = 19;
const APOSTROPHE: u32 = 20;
const CONTEXT: u32 = 21;
const OPEN_BRACKET: u32 = 22;
const LETTER_K: u32 = 23;

/** Trigger bits for what this loop settles itself (triggers.ts's values, from SETTINGS). */
let NUMBER_RUN: i32 = 0;
let PHONE_PREFIX: i32 = 0;
let IBAN_PREFIX: i32 = 0;
let HEX_COLONS: i32 = 0;
/** sensitive-keys.ts `KEY_SYMBOLS`: the cells of a KEY_WALK row. */
let KEY_SYMBOLS: u32 = 0;
/** sensitive-keys.ts `MAX_KEY_LENGTH`: how far back `matchEndingAt` walks. */
let MAX_KEY_LENGTH: i32 = 0;

/** The trigger bits the last scan raised itself: digit runs and IPv6 shapes. */
let runBits: i32 = 0;
/** trigger-scan.ts's `hexRunEnd`: where `hasIpv6Shape`'s walk stopped. */
let hexRunEnd: i32 = 0;

// @ts-expect-error: AssemblyScript's decorator
@inline function unit(i: i32): u32 {
  // Wrapping arithmetic: a negative index reads the zeros before the text.
  return <u32>load<u16>(TEXT + (<u32>i << 1));
}

// `at(codes, i, outside)` of context-triggers.ts: what JavaScript reads before the text.
// @ts-expect-error: AssemblyScript's decorator
@inline function at(i: i32, outside: u32): u32 {
  return i >= 0 ? unit(i) : outside;
}

// @ts-expect-error: AssemblyScript's decorator
@inline function kindAt(i: i32): u32 {
  return <u32>load<u8>(KINDS + unit(i));
}

// @ts-expect-error: AssemblyScript's decorator
@inline function isDigit(code: u32): bool {
  return code - 48 < 10;
}

// @ts-expect-error: AssemblyScript's decorator
@inline function isUpper(code: u32): bool {
  return code - 65 < 26;
}

// @ts-expect-error: AssemblyScript's decorator
@inline function isLetter(code: u32): bool {
  return (code | 32) - 97 < 26;
}

// @ts-expect-error: AssemblyScript's decorator
@inline function isAlphanumeric(code: u32): bool {
  return isDigit(code) || isLetter(code);
}

// @ts-expect-error: AssemblyScript's decorator
@inline function isHex(code: u32): bool {
  return isDigit(code) || (code | 32) - 97 < 6;
}

// @ts-expect-error: AssemblyScript's decorator
@inline function isBlank(code: u32): bool {
  return code == 32 || code == 9;
}

// @ts-expect-error: AssemblyScript's decorator
@inline function isKeywordSeparator(code: u32): bool {
  return load<u8>(KEYWORD_SEPARATORS + code) == 1;
}

/** keywords.ts `mayEndKeyword`. */
// @ts-expect-error: AssemblyScript's decorator
@inline function mayEndKeyword(code: u32): bool {
  return load<u8>(KEYWORD_LAST_CHARACTERS + code) == 1;
}

/** keywords.ts `mayEndKeywordPair`. */
function mayEndKeywordPair(last: u32, before: u32): bool {
  if (last >= 128) return false;
  return load<u8>(KEYWORD_END_PAIRS + last * 128 + (before < 128 ? before : 0)) == 1;
}

/** keywords.ts `mayEndKeywordWithDigit`. */
function mayEndKeywordWithDigit(last: u32, before: u32): bool {
  if (!isDigit(last) || before >= 128) return false;
  return load<u8>(DIGIT_KEYWORD_ENDS + (last - 48) * 128 + before) == 1;
}

/**
 * A cheap test before the context question at a non-digit character: the classes of its
 * neighbours (context-triggers.ts `WORTH_ASKING_TABLES`) can make it part of a context finding.
 */
function worthAsking(i: i32): bool {
  const code = unit(i);
  // The start of the text counts as a blank: a flag may open it.
  const before = i > 0 ? unit(i - 1) : 32;
  return (
    (load<u32>(ASK_IF_BEFORE + (code << 2)) & load<u32>(CLASS + (before << 2))) != 0 ||
    (load<u32>(ASK_IF_AFTER + (code << 2)) & load<u32>(CLASS + (unit(i + 1) << 2))) != 0
  );
}

/**
 * Whether the digit run at `i` may start a context finding, before asking `contextBitsAt`:
 * every such finding starts with three digits, or follows capitals (`QQ 12 34 56 C`) or an `i`
 * (`dapi7f…`), and none follows `.`, `/` or `_`. Two-digit date and time fields, fractions and
 * path segments, the bulk of digit runs in a log line, fail it.
 */
function digitRunMayMatter(i: i32): bool {
  const before = at(i - 1, 32);
  // A fraction (`.196`), a path segment (`/381`) or a field glued by `_` starts nothing here.
  if (before == 46 || before == 47 || before == 95) return false;
  // Digits glued to a lower-case letter are inside a word or a hex id; only `dapi7f…`, a
  // lower-case IBAN and the digit ending `cvv2` matter.
  if (before >= 97 && before <= 122) {
    return before == 105 || isLowerCaseIbanStart(i) || endsDigitKeyword(i);
  }
  if (isDigit(unit(i + 1)) && isDigit(unit(i + 2))) return true;
  return (
    isUpper(before) ||
    before == 105 ||
    (before == 32 && isUpper(at(i - 2, 0))) ||
    (isKeywordSeparator(before) && keywordMayEndBefore(i) && holdsFiveDigits(i))
  );
}

/** context-triggers.ts `keywordMayEndBefore`. */
function keywordMayEndBefore(i: i32): bool {
  let j = i - 1;
  const floor = max(0, i - 5);
  while (j > floor && isKeywordSeparator(unit(j))) j--;
  const code = at(j, 0);
  if (isUpper(code)) return true;
  return at(i - 1, 0) == 43 ? mayEndKeyword(code) : mayEndKeywordPair(code, at(j - 1, 0));
}

// context-triggers.ts: a national id's window and digits.
const ID_WINDOW: i32 = 20;
const MIN_ID_DIGITS: i32 = 5;

/** context-triggers.ts `holdsFiveDigits`. */
function holdsFiveDigits(i: i32): bool {
  let digits = 0;
  for (let j = i; j < i + ID_WINDOW; j++) {
    const code = unit(j);
    if (isDigit(code)) {
      if (++digits >= MIN_ID_DIGITS) return true;
    } else if (!isLetter(code) && !joinsIdGroups(j)) {
      return false;
    }
  }
  return false;
}

/** context-triggers.ts `joinsIdGroups`. */
function joinsIdGroups(j: i32): bool {
  const code = unit(j);
  const next = unit(j + 1);
  if (code == 32) {
    return isDigit(next) || (isUpper(next) && !isAlphanumeric(unit(j + 2)));
  }
  return (code == 45 || code == 46 || code == 47) && isAlphanumeric(next);
}

/** context-triggers.ts `endsDigitKeyword`. */
function endsDigitKeyword(i: i32): bool {
  return isKeywordSeparator(unit(i + 1)) && mayEndKeywordWithDigit(unit(i), at(i - 1, 0));
}

/** context-triggers.ts `isLowerCaseIbanStart`. */
function isLowerCaseIbanStart(i: i32): bool {
  return (
    isLetter(at(i - 2, 0)) &&
    !isAlphanumeric(at(i - 3, 0)) &&
    isDigit(unit(i + 1)) &&
    !isDigit(unit(i + 2)) &&
    twoIbanGroupsAt(i + 2)
  );
}

/** context-triggers.ts `twoIbanGroupsAt`. */
function twoIbanGroupsAt(start: i32): bool {
  let i = start;
  for (let group = 0; group < 2; group++) {
    if (unit(i) == 32) i++;
    for (const end = i + 4; i < end; i++) if (!isAlphanumeric(unit(i))) return false;
  }
  return true;
}

/**
 * Whether `contextBitsAt` may raise anything at the digit run at `i` (context-triggers.ts
 * `digitBits`): necessary conditions of each of its questions, the pure ones exactly, so that a
 * digit run stops only where JavaScript has a lookup to make. A status code, a duration or a port
 * after a word no keyword ends with stops nowhere.
 */
function digitMayAnswer(i: i32): bool {
  const before = at(i - 1, 32);
  if (isLowerCaseIbanStart(i)) return true;
  // `dapi7f…`; a value after `*` (prose).
  if (before == 42 || (before == 105 && unit(i - 2) == 112 && unit(i - 3) == 97 && unit(i - 4) == 100)) {
    return true;
  }
  // A keyword value (`keywordTypeBefore`) or the value after a digit keyword (`cvv2 123`).
  if (
    (isUpper(before) || (isKeywordSeparator(before) && keywordMayEndBefore(i))) &&
    mayStartValue(i)
  ) {
    return true;
  }
  if (endsDigitKeyword(i) || hasSeparatedGroups(i)) return true;
  // prose-triggers.ts `digitRunProseBits`: 9 to 15 bare digits, not glued to a `-` before or a
  // name character after; one starting with `1` only with 9 or 11 (10 and 13 are Unix times).
  let end = i;
  while (end - i < 16 && isDigit(unit(end))) end++;
  const length = end - i;
  if (length < 9 || length > 15 || before == 45 || isNameChar(unit(end))) return false;
  return unit(i) != 49 || length == 9 || length == 11;
}

/** context-triggers.ts `mayStartValue`. */
function mayStartValue(i: i32): bool {
  if (isDigit(unit(i + 1)) && isDigit(unit(i + 2))) return true;
  const before = at(i - 1, 0);
  return isUpper(before) || (before == 32 && isUpper(at(i - 2, 0))) || holdsFiveDigits(i);
}

/** context-triggers.ts `hasSeparatedGroups`. */
function hasSeparatedGroups(start: i32): bool {
  if (isDigit(unit(start + 3)) ? isDigit(unit(start + 4)) : !isDigit(unit(start + 2))) {
    return false;
  }
  let end = start;
  while (isDigit(unit(end))) end++;
  const first = end - start;
  if (first != 3 && first != 4) return false;
  const separator = unit(end);
  const double = unit(end + 1) == separator;
  const second = end + (double ? 2 : 1);
  if (first == 3) {
    return !double && separator == 32 && groupOf(second, 3) && unit(second + 3) == 32;
  }
  const joinsCards =
    separator == 46 || separator == 47 || separator == 9 || (separator == 32 && double);
  return joinsCards && groupOf(second, 4) && unit(second + 4) == separator;
}

/** context-triggers.ts `groupOf`. */
function groupOf(start: i32, length: i32): bool {
  for (let i = start; i < start + length; i++) if (!isDigit(unit(i))) return false;
  return !isDigit(unit(start + length));
}

/** trigger-scan.ts `isTimestampAt`. */
function isTimestampAt(i: i32): bool {
  if (unit(i + 4) == 45) {
    const after = unit(i + 10);
    return (
      unit(i + 7) == 45 &&
      isDigit(unit(i + 3)) &&
      isDigit(unit(i + 5)) &&
      isDigit(unit(i + 6)) &&
      isDigit(unit(i + 8)) &&
      isDigit(unit(i + 9)) &&
      (after == 84 || after == 32)
    );
  }
  return (
    unit(i - 1) == 84 &&
    unit(i + 2) == 58 &&
    unit(i + 5) == 58 &&
    isDigit(unit(i + 1)) &&
    isDigit(unit(i + 3))
  );
}

/** trigger-scan.ts `plainRunEnd`. */
function plainRunEnd(start: i32): i32 {
  let end = start + 1;
  while (isDigit(unit(end))) end++;
  if (end - start >= 9 || (unit(start) == 48 && unit(start + 1) == 48)) return -1;
  if (start > 0 && isUpper(unit(start - 1))) return -1;
  const separator = unit(end);
  if ((separator == 32 || separator == 45 || separator == 46) && isDigit(unit(end + 1))) {
    return -1;
  }
  return end;
}

/** trigger-scan.ts `isNumberGlue`. */
function isNumberGlue(code: u32): bool {
  return isDigit(code) || isLetter(code) || code == 95 || code == 46 || code == 43 || code == 45;
}

/** trigger-scan.ts `checkInternationalPrefix`. */
function checkInternationalPrefix(start: i32): void {
  if (unit(start) == 48 && unit(start + 1) == 48 && isDigit(unit(start + 2))) {
    runBits |= PHONE_PREFIX;
  }
}

/** trigger-scan.ts `scanNumberRun`: the index of the run's last character. */
function scanNumberRun(start: i32): i32 {
  const before = unit(start - 1);
  if (isUpper(before) && isUpper(unit(start - 2))) runBits |= IBAN_PREFIX;
  if (!isNumberGlue(before)) checkInternationalPrefix(start);
  let digits = 0;
  let dots = 0;
  let end = start;
  for (;;) {
    while (isDigit(unit(end))) {
      end++;
      digits++;
    }
    const separator = unit(end);
    if ((separator != 32 && separator != 45 && separator != 46) || !isDigit(unit(end + 1))) {
      break;
    }
    if (separator == 46) dots++;
    end++;
    if (separator == 32) checkInternationalPrefix(end);
  }
  if (dots >= 3 || (digits >= 9 && canHoldNumericFinding(start, end))) runBits |= NUMBER_RUN;
  return end - 1;
}

/** trigger-scan.ts `canHoldNumericFinding`. */
function canHoldNumericFinding(start: i32, end: i32): bool {
  let digitsAfter = 0;
  let groupLength = 0;
  for (let i = end - 1; i >= start - 1; i--) {
    const code = i >= start ? unit(i) : 32;
    if (isDigit(code)) {
      digitsAfter++;
      groupLength++;
      continue;
    }
    const isStart = code == 32 && (i >= start || !isNumberGlue(unit(start - 1)));
    if (isStart && groupLength > 0) {
      const firstDigit = unit(i + 1);
      const groupEnd = i + 1 + groupLength;
      const separator = groupEnd < end ? unit(groupEnd) : 0;
      if (digitsAfter >= digitsNeededFrom(groupLength, firstDigit, separator)) return true;
    }
    groupLength = 0;
  }
  return false;
}

/** trigger-scan.ts `digitsNeededFrom`; `i32.MAX_VALUE` for its Infinity. */
function digitsNeededFrom(length: i32, firstDigit: u32, separator: u32): i32 {
  if (firstDigit == 48) return 9;
  if ((length == 3 || length == 1) && (separator == 45 || separator == 46)) return 9;
  const cardIssuer = firstDigit >= 50 && firstDigit <= 54;
  if (cardIssuer && (length == 4 || (length >= 13 && length <= 19))) return 13;
  return i32.MAX_VALUE;
}

/** trigger-scan.ts `hasIpv6Shape`: `::`, or hex groups joined by at least six colons. */
function hasIpv6Shape(colon: i32): bool {
  hexRunEnd = colon + 1;
  if (unit(colon + 1) == 58) return true;
  if (!isHex(unit(colon - 1)) || !isHex(unit(colon + 1))) return false;
  let colons = 0;
  let i = colon;
  const limit = colon + 40;
  for (; i < limit; i++) {
    const code = unit(i);
    if (code == 58) {
      colons++;
      if (unit(i + 1) == 58) break;
    } else if (!isHex(code)) {
      break;
    }
  }
  hexRunEnd = i;
  return colons >= 6 || unit(i) == 58;
}

/**
 * Whether a sensitive key may end right before the `=` or `:` at `i` (or before its closing
 * quote): false when `matchEndingAt`'s walk back over the word there gives up, walked here on
 * the scanning masker's trie (sensitive-keys.ts `walkTable`), and the word is no `name`/`key`
 * field. `level=`, `shard=`, `"traceId":` and `12:34` are settled so; where the walk back is not
 * so simple (blanks, escapes, a nested field's `]`) the scanner's `separatorKeyBits` decides.
 */
function keyMayEndBefore(i: i32): bool {
  let end = i;
  let last = i > 0 ? unit(i - 1) : 0;
  if (last == 34 || last == 39) {
    end--;
    last = end > 0 ? unit(end - 1) : 0;
  }
  if (!isAlphanumeric(last)) return true;
  return endsNameField(end) || keyWalkReachesName(end);
}

/**
 * The word before `end` ends with `name` or `key`, in any case: a field key-syntax.ts
 * `namedKeyAt` reads (it also wants the word whole).
 */
function endsNameField(end: i32): bool {
  const last = unit(end - 1) | 32;
  if (last == 101) {
    return (unit(end - 2) | 32) == 109 && (unit(end - 3) | 32) == 97 && (unit(end - 4) | 32) == 110;
  }
  return last == 121 && (unit(end - 2) | 32) == 101 && (unit(end - 3) | 32) == 107;
}

/**
 * sensitive-keys.ts `matchEndingAt`'s walk over the identifier ending before `end`, to the first
 * name it reaches (true: the scanner asks it in full) or to where it gives up (false). A cell of
 * 0 gives up, 1 reaches a name (or a row the table had no room for), n + 2 goes on at row n; a
 * separator's cell keeps the row.
 */
function keyWalkReachesName(end: i32): bool {
  const floor = max(0, end - MAX_KEY_LENGTH);
  const rowBytes = KEY_SYMBOLS << 1;
  let row = KEY_WALK;
  for (let i = end - 1; i >= floor; i--) {
    const cell = <u32>load<u16>(row + (<u32>load<u8>(KEY_SYMBOL_OF + unit(i)) << 1));
    if (cell <= 1) return cell == 1;
    row = KEY_WALK + (cell - 2) * rowBytes;
  }
  return false;
}

/** phrase-triggers.ts `colonMayOpenPhrase` after a digit: `.pgpass`'s `:5432:db`. */
function colonOpensPgpassPhrase(i: i32): bool {
  if (!isDigit(unit(i + 1))) return false;
  let end = i + 1;
  while (end < i + 7 && isDigit(unit(end))) end++;
  const after = unit(end + 1);
  return unit(end) == 58 && (isLetter(after) || after == 42);
}

/**
 * Whether `contextBitsAt` may raise anything at the `=` at `i`, which the neighbour tables pass
 * after any `y`: only Azure storage's `AccountKey=` raises there.
 */
function equalsMayAnswerContext(i: i32): bool {
  return unit(i - 1) == 121 && unit(i - 2) == 101 && unit(i - 3) == 75;
}

// @ts-expect-error: AssemblyScript's decorator
@inline function folded(code: u32): u32 {
  return isLetter(code) ? code | 32 : code;
}

/**
 * Whether the two characters before the separator at `i` end a vendor prefix stem that comes
 * before that separator (`glpat-`, `npm_`; vendor-prefixes.ts `PREFIX_STEMS`), in either case.
 */
function mayEndStem(i: i32, separator: u32): bool {
  const last = unit(i - 1);
  const before = unit(i - 2);
  if (last >= 128 || before >= 128) return false;
  const table = STEM_END_PAIRS + (separator == 95 ? 16384 : 0);
  return load<u8>(table + folded(last) * 128 + folded(before)) == 1;
}

/**
 * Whether `contextBitsAt` may raise anything at the `-` or `_` at `i` (context-triggers.ts): a
 * command-line flag or `ConvertTo-SecureString`, `add_user`/`change_password`, a vendor stem
 * before it (`followsVendorStem`: a stem's last two characters, `fo1`, or a Mailchimp key's
 * `-us`). The neighbour tables pass a `-` after any letter some stem ends with.
 */
function separatorMayAnswerContext(i: i32, separator: u32): bool {
  const last = unit(i - 1);
  const next = unit(i + 1);
  if (separator == 45) {
    // context-triggers.ts's blanks include line breaks.
    const before = i > 0 ? last : 32;
    const blankBefore = isBlank(before) || before == 10 || before == 13;
    if (blankBefore && (isLetter(next) || (next == 45 && isLetter(unit(i + 2))))) return true;
    if (next == 83 || next == 117) return true;
  } else if (
    (last == 100 && unit(i - 2) == 100 && unit(i - 3) == 97) ||
    (last == 101 && unit(i - 2) == 103)
  ) {
    return true;
  }
  return last == 49 || mayEndStem(i, separator);
}

/**
 * Whether `contextBitsAt` may raise anything at the character at `i`, of a kind that asks it and
 * let through by `worthAsking`: for each kind, necessary conditions of its questions there.
 */
function contextMayAnswer(kind: u32, i: i32): bool {
  switch (kind) {
    case EQUALS:
      return equalsMayAnswerContext(i);
    case DASH:
    case UNDERSCORE:
      return separatorMayAnswerContext(i, unit(i));
    case CONTEXT:
      return contextCharacterMayAnswer(i);
    case COLON: {
      // `://`; `net use … /user:DOMAIN\name` (the walk from `/` is the scanner's).
      const next = unit(i + 1);
      return (next == 47 && unit(i + 2) == 47) || unit(i - 5) == 47;
    }
    case UPPER_A: {
      // `AIza…`, `ATATT3…`, `:AA…`, `AC<hex>`, or a protocol word (`AUTH`).
      const next = unit(i + 1);
      return isUpper(next) && (!isLetter(at(i - 1, 0)) || next == 73 || next == 84 || next == 67);
    }
    default:
      return true;
  }
}

/** The lower-cased units before `i` spell `word` backwards from its end: `lower(i - 1) == last`. */
// @ts-expect-error: AssemblyScript's decorator
@inline function lowerAt(i: i32): u32 {
  return unit(i) | 32;
}

/**
 * context-triggers.ts `contextBitsAt` at one of its CONTEXT_CHARACTERS (`?&<PLCKG~SHwWvpq`):
 * necessary conditions of each case, exact where the case is pure.
 */
function contextCharacterMayAnswer(i: i32): bool {
  const code = unit(i);
  const next = unit(i + 1);
  const before = at(i - 1, 0);
  switch (code) {
    case 63: // `?`, `&`: a query parameter (its name is the scanner's question)
    case 38:
    case 60: // `<` of an element
      return isLetter(next);
    case 71: // `SG.`
      return before == 83 && next == 46 && !isAlphanumeric(at(i - 2, 0));
    case 126: // `8Q~`
      return before == 81 && isDigit(at(i - 2, 0));
    case 119: // `passw` (prose-triggers.ts `proseBitsAt`)
    case 87:
      return (
        i >= 4 && lowerAt(i - 1) == 115 && lowerAt(i - 2) == 115 && lowerAt(i - 3) == 97 &&
        lowerAt(i - 4) == 112
      );
    case 118: // `recov`
      return (
        i >= 4 && lowerAt(i - 1) == 111 && lowerAt(i - 2) == 99 && lowerAt(i - 3) == 101 &&
        lowerAt(i - 4) == 114
      );
    case 112: // `backup`
      return (
        i >= 5 && lowerAt(i - 1) == 117 && lowerAt(i - 2) == 107 && lowerAt(i - 3) == 99 &&
        lowerAt(i - 4) == 97 && lowerAt(i - 5) == 98
      );
    case 113: // `mysq`
      return unit(i - 1) == 115 && unit(i - 2) == 121 && unit(i - 3) == 109;
    case 80: // `PIN`, `PDO`, or a protocol word
      return isUpper(next);
    default:
      // `L C K S H`: a protocol word, which starts a word and goes on in capitals.
      return isUpper(next) && !isLetter(before);
  }
}

/**
 * Whether any question trigger-scan.ts asks at a character of this kind (besides the context
 * question) may come out true at `i`: only necessary conditions of those questions, which the
 * scanner then asks in full. A kind not listed always stops.
 */
function mayAnswer(kind: u32, i: i32): bool {
  const next = unit(i + 1);
  switch (kind) {
    case COLON:
      // `::add-mask::`, `:APA91b`, `:5432:db` (the key before it is asked apart).
      return next == 58 || next == 65 || colonOpensPgpassPhrase(i);
    case EQUALS:
      // JAAS's `username="…"` (the key before it is asked apart).
      return unit(i - 1) == 101 && next == 34;
    case DASH:
      // A `--flag` or `-----BEGIN`; Slack's `xox?-`, `xapp-`.
      return next == 45 || unit(i - 4) == 120;
    case UNDERSCORE: {
      // `gh?_`, `sk_`/`rk_`, `github_pat_`, `whsec_`.
      const before = unit(i - 1);
      return (
        (unit(i - 3) == 103 && unit(i - 2) == 104) ||
        before == 107 ||
        before == 98 ||
        before == 99
      );
    }
    case UPPER_J:
      return unit(i - 1) == 121 && unit(i - 2) == 101; // `eyJ`
    case UPPER_A:
      return next == 75 || next == 83; // `AKIA`, `ASIA`
    case LETTER_B:
      return isAuthScheme(i);
    case APOSTROPHE:
      return isBlank(unit(i - 1)) && apostropheMayAnswer(i);
    case OPEN_PAREN:
      // `(415)`, `(at)`, `( at )`, `(secret `, `(token `; else only an INSERT's column list.
      return (
        isDigit(next) ||
        next == 32 ||
        (next | 32) == 97 ||
        (next | 32) == 115 ||
        (next | 32) == 116 ||
        insertColumnsAt(i)
      );
    case OPEN_BRACKET:
      // `ExponentPushToken[`, `[at]`, `[ at ]`.
      return unit(i - 1) == 110 || next == 32 || (next | 32) == 97;
    case LETTER_K:
      return unit(i - 1) == 111 && next == 101; // `token `
    case PERCENT:
      return isHex(next) && isHex(unit(i + 2));
    case HASH:
      return unit(i - 1) == 38; // `&#`
    case BACKSLASH:
      return next == 117; // `\u`
    case PLUS:
      return isDigit(next);
    case CONTEXT:
      return false;
    case NEWLINE:
      return lineMayAnswer(i + 1) || lineMayHoldPhrase(i);
    default:
      return true;
  }
}

/** key-syntax.ts `isKeyChar`. */
// @ts-expect-error: AssemblyScript's decorator
@inline function isKeyChar(code: u32): bool {
  return isAlphanumeric(code) || code == 95 || code == 45 || code == 46;
}

/**
 * Whether trigger-scan.ts `lineTriggers` may raise a bit for the line starting at `lineStart`:
 * phrase-triggers.ts `lineOpensPhrase` (`machine `, `default login`: its first letter), or
 * key-syntax.ts `blankSeparatedKeyAt`'s key (its first steps mirrored: a word of key characters
 * after at most eight blanks, then a blank) walked on the key trie to a name.
 */
function lineMayAnswer(lineStart: i32): bool {
  let at = lineStart;
  while (isBlank(unit(at))) at++;
  const first = unit(at);
  if (first == 109 || first == 100) return true;
  let keyStart = lineStart;
  while (keyStart - lineStart < MAX_BLANKS && isBlank(unit(keyStart))) keyStart++;
  if (!isLetter(unit(keyStart))) return false;
  let keyEnd = keyStart;
  while (keyEnd - keyStart < MAX_KEY_LENGTH && isKeyChar(unit(keyEnd))) keyEnd++;
  return isBlank(unit(keyEnd)) && keyWalkReachesName(keyEnd);
}

// phrase-triggers.ts `LINE_TAIL`: how far back before a line break a phrase is looked for.
const LINE_TAIL: i32 = 24;

/** Four code units as one little-endian u64, as `readFour` reads them from the text. */
// @ts-expect-error: AssemblyScript's decorator
@inline function fourUnits(a: u32, b: u32, c: u32, d: u32): u64 {
  return (<u64>d << 48) | (<u64>c << 32) | (<u64>b << 16) | <u64>a;
}

/** The four code units from `at` (at least 0) as one u64: one load for a four-letter compare. */
// @ts-expect-error: AssemblyScript's decorator
@inline function readFour(at: i32): u64 {
  return load<u64>(TEXT + (<u32>at << 1));
}

/** phrase-triggers.ts `lineMayHoldPhrase` (mirrored): `base64` or `UGFzc3dvcmQ6` before `newline`. */
function lineMayHoldPhrase(newline: i32): bool {
  const floor = max(0, newline - LINE_TAIL);
  for (let at = newline - 6; at >= floor; at--) {
    const first = readFour(at);
    // `base64`
    if (first == fourUnits(98, 97, 115, 101) && unit(at + 4) == 54 && unit(at + 5) == 52) {
      return true;
    }
    // `UGFzc3dvcmQ6`, base64 for `Password:`
    if (
      first == fourUnits(85, 71, 70, 122) &&
      readFour(at + 4) == fourUnits(99, 51, 100, 118) &&
      readFour(at + 8) == fourUnits(99, 109, 81, 54)
    ) {
      return true;
    }
  }
  return false;
}

/** Each code unit `| 32`, four at a time: the case folding of `(code | 32) == letter` tests. */
const FOLD_FOUR: u64 = 0x0020_0020_0020_0020;

/** trigger-scan.ts `isAuthScheme`: `Bearer ` or `Basic ` in any case, from its `B`. */
function isAuthScheme(i: i32): bool {
  const next = readFour(i + 1) | FOLD_FOUR;
  if (next == fourUnits(101, 97, 114, 101)) {
    return (unit(i + 5) | 32) == 114 && isBlank(unit(i + 6)); // `earer `
  }
  return next == fourUnits(97, 115, 105, 99) && isBlank(unit(i + 5)); // `asic `
}

// key-syntax.ts `MAX_BLANKS`: blanks between a key and its value.
const MAX_BLANKS: i32 = 8;

/**
 * At an apostrophe after a blank: phrase-triggers.ts `quoteMayOpenPhrase` (mirrored), or a
 * necessary condition of key-syntax.ts `sqlPasswordKeywordBefore` (a key's walk reaches a name,
 * or the word before ends with the `y` of `IDENTIFIED BY`).
 */
function apostropheMayAnswer(i: i32): bool {
  let at = i - 1;
  const phraseFloor = max(0, i - 5);
  while (at > phraseFloor && isBlank(unit(at))) at--;
  if (at != i - 1) {
    const before = unit(at) | 32;
    if (before == 61 || before == 44 || before == 121 || before == 111 || before == 110) {
      return true;
    }
  }
  let keyEnd = i;
  const keyFloor = max(0, i - MAX_BLANKS);
  while (keyEnd > keyFloor && isBlank(unit(keyEnd - 1))) keyEnd--;
  return (unit(keyEnd - 1) | 32) == 121 || keyWalkReachesName(keyEnd);
}

// sql-insert.ts's limits on a column list.
const MAX_COLUMNS: i32 = 64;
const MAX_NAME: i32 = 64;
const MAX_GAP: i32 = 64;

/** sql-insert.ts `skipSpace`. */
function skipSpace(from: i32): i32 {
  let i = from;
  while (i - from < MAX_GAP) {
    const code = unit(i);
    if (!isBlank(code) && code != 10 && code != 13) break;
    i++;
  }
  return i;
}

/** sql-insert.ts `isNameChar`. */
// @ts-expect-error: AssemblyScript's decorator
@inline function isNameChar(code: u32): bool {
  return isAlphanumeric(code) || code == 95;
}

/**
 * A necessary condition of sql-insert.ts `sensitiveColumnValues` at the `(` at `open`: its
 * `columnsAt` list (mirrored), then `VALUES` (a character beyond ASCII may upper-case to one of
 * its letters, `ſ` to `S`, so it passes) and `(`. Whether a column is sensitive is the
 * scanner's question.
 */
function insertColumnsAt(open: i32): bool {
  let i = open + 1;
  let names = 0;
  for (;;) {
    i = skipSpace(i);
    const quote = unit(i);
    const quoted = quote == 34 || quote == 96 || quote == 91;
    if (quoted) i++;
    const start = i;
    while (i - start < MAX_NAME && isNameChar(unit(i))) i++;
    if (i == start) return false;
    names++;
    if (quoted) {
      if (unit(i) != (quote == 91 ? 93 : quote)) return false;
      i++;
    }
    i = skipSpace(i);
    const next = unit(i);
    if (next == 41) break;
    if (next != 44 || names >= MAX_COLUMNS) return false;
    i++;
  }
  i = skipSpace(i + 1);
  return (
    spellsIgnoringCase(i, 118) &&
    spellsIgnoringCase(i + 1, 97) &&
    spellsIgnoringCase(i + 2, 108) &&
    spellsIgnoringCase(i + 3, 117) &&
    spellsIgnoringCase(i + 4, 101) &&
    spellsIgnoringCase(i + 5, 115)
  );
}

/** The unit at `i` may upper-case to the upper case of the lower-case ASCII `letter`. */
// @ts-expect-error: AssemblyScript's decorator
@inline function spellsIgnoringCase(i: i32, letter: u32): bool {
  const code = unit(i);
  return code >= 128 || (code | 32) == letter;
}

/** Reads what the scanner wrote at SETTINGS; once, after the tables. */
export function configure(): void {
  NUMBER_RUN = load<i32>(SETTINGS);
  PHONE_PREFIX = load<i32>(SETTINGS + 4);
  IBAN_PREFIX = load<i32>(SETTINGS + 8);
  HEX_COLONS = load<i32>(SETTINGS + 12);
  KEY_SYMBOLS = load<u32>(SETTINGS + 16);
  MAX_KEY_LENGTH = load<i32>(SETTINGS + 20);
}

/** The trigger bits the last scan raised itself. */
export function ownBits(): i32 {
  return runBits;
}


// What a stop asks the scanner, beside its kind's own questions (character-loop.ts reads them).
const ASK_CONTEXT: i32 = 1; // `contextBitsAt`
const ASK_KEY: i32 = 2; // `separatorKeyBits`: a sensitive key may end before this `=` or `:`
// In what `scan` returns: the scanner must ask `lineTriggers` about the text's first line.
const FIRST_LINE_ASKS: i32 = 1;

/**
 * Scans the `length` code units at TEXT and writes at `stops` one i32 per character the scanner
 * must look at: its index times four, plus ASK_CONTEXT and ASK_KEY as they apply.
 * Returns how many it wrote times two, plus FIRST_LINE_ASKS when the text's first line may raise
 * a bit in the scanner's `lineTriggers` (`lineMayAnswer`). Digit runs and IPv6 shapes raise their bits here (`ownBits`); a digit
 * run stops only where the context question is due, any other character only where that or one
 * of its own questions may come out true (`mayAnswer`).
 */
export function scan(length: i32, stops: u32): i32 {
  runBits = 0;
  let hexScannedUntil = 0;
  let count: u32 = 0;
  for (let i = 0; i < length; i++) {
    let kind = kindAt(i);
    // The 0 after the text (and any NUL in it) has a kind of its own: no bounds test here.
    while (kind == BORING) kind = kindAt(++i);
    if (kind == NUL) {
      if (i >= length) break;
      continue;
    }
    if (kind == DIGIT) {
      if (digitRunMayMatter(i) && !isTimestampAt(i) && digitMayAnswer(i)) {
        store<i32>(stops + (count++ << 2), (i << 2) | ASK_CONTEXT);
      }
      const plainEnd = plainRunEnd(i);
      i = plainEnd != -1 ? plainEnd - 1 : scanNumberRun(i);
      continue;
    }
    if (kind == COLON && i >= hexScannedUntil) {
      if (hasIpv6Shape(i)) runBits |= HEX_COLONS;
      hexScannedUntil = hexRunEnd;
    }
    const ask =
      load<u8>(ASKS_CONTEXT + kind) == 1 &&
      worthAsking(i) &&
      contextMayAnswer(kind, i);
    const key = (kind == COLON || kind == EQUALS) && keyMayEndBefore(i);
    if (ask || key || mayAnswer(kind, i)) {
      store<i32>(stops + (count++ << 2), (i << 2) | (key ? ASK_KEY : 0) | (ask ? ASK_CONTEXT : 0));
    }
  }
  // The first line's question is answered here, after the walk, so the walk's loads are warm.
  return (<i32>count << 1) | (lineMayAnswer(0) ? FIRST_LINE_ASKS : 0);
}
