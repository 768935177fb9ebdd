import { CONTEXT_CHARACTERS } from './detectors/context-triggers';

// The kind of each character for the trigger scan (trigger-scan.ts and its WebAssembly loop,
// assembly/trigger-skip.ts, which uses the same numbers; a spec compares): plain numbers rather
// than a `const enum`, which the API's build (ts-loader, transpile-only) emits as an object.
export const BORING = 0;
export const NUL = 1;
export const DIGIT = 2;
export const TAB = 3;
export const NEWLINE = 4;
export const HASH = 5;
export const BACKSLASH = 6;
export const NON_ASCII = 7;
export const AT = 8;
export const PLUS = 9;
export const OPEN_PAREN = 10;
export const COLON = 11;
export const EQUALS = 12;
export const GREATER_THAN = 13;
export const DASH = 14;
export const UNDERSCORE = 15;
export const UPPER_J = 16;
export const UPPER_A = 17;
export const LETTER_B = 18;
export const PERCENT = 19;
export const APOSTROPHE = 20;
export const CONTEXT = 21;
export const OPEN_BRACKET = 22;
export const LETTER_K = 23;

// Indexed by UTF-16 code unit.
export const CHAR_KINDS = new Uint8Array(65536).fill(NON_ASCII, 0x80);
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
export const ASKS_CONTEXT = new Uint8Array(LETTER_K + 1);
for (const kind of [CONTEXT, PERCENT, DASH, UNDERSCORE, COLON, EQUALS, UPPER_A]) {
  ASKS_CONTEXT[kind] = 1;
}
