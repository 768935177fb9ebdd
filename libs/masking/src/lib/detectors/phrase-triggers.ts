/**
 * The necessary conditions of the credential phrases (credential-phrases.ts), tested by the main
 * scan at characters it already stops at, so ordinary text costs nothing extra. Each returns
 * true when a phrase could end or start here; the detector then decides.
 */

const isBlank = (code: number): boolean => code === 32 || code === 9;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;

// How far back from a line end the tail of `… | base64 -d; echo` or `334 UGFzc3dvcmQ6` may sit.
const LINE_TAIL = 24;

/** The non-blank character before the blanks in front of `i` (at most four blanks). */
function beforeBlanks(codes: Uint16Array, i: number): number {
  let at = i - 1;
  const floor = Math.max(0, i - 5);
  while (at > floor && isBlank(codes[at] as number)) at--;
  return at === i - 1 ? -1 : (codes[at] as number);
}

/**
 * An apostrophe after blanks: `= 'pw'` (SQL `SET PASSWORD`, Dovecot's `!= '`), `, 'pw'` (a
 * function argument), `BY 'pw'`, `echo 'pw'`, `echo -n 'pw'`.
 */
export function quoteMayOpenPhrase(codes: Uint16Array, i: number): boolean {
  if (!isBlank(codes[i - 1] as number)) return false;
  const before = beforeBlanks(codes, i) | 32;
  return before === 61 || before === 44 || before === 121 || before === 111 || before === 110;
}

/** `::add-mask::`, Firebase's `:APA91b`, or `.pgpass`'s `:5432:db`. */
export function colonMayOpenPhrase(text: string, codes: Uint16Array, i: number): boolean {
  const next = codes[i + 1] as number;
  if (next === 58) return text.startsWith('add-mask::', i + 2);
  if (next === 65) return text.startsWith('APA91b', i + 1);
  if (!isDigit(next)) return false;
  let end = i + 1;
  while (end < i + 7 && isDigit(codes[end] as number)) end++;
  const after = codes[end + 1] as number;
  return codes[end] === 58 && (isLetter(after) || after === 42);
}

/** A line after `334 UGFzc3dvcmQ6` or after `… | base64 -d`; `newline` is the `\n` before it. */
export function lineMayHoldPhrase(text: string, newline: number): boolean {
  const floor = Math.max(0, newline - LINE_TAIL);
  for (let at = newline - 6; at >= floor; at--) {
    const code = text.charCodeAt(at);
    if (code === 98 && text.startsWith('base64', at)) return true;
    if (code === 85 && text.startsWith('UGFzc3dvcmQ6', at)) return true;
  }
  return false;
}

/** A `.netrc` line: `machine host login user password pw`, or its `default` entry. */
export function lineOpensPhrase(text: string, lineStart: number): boolean {
  let at = lineStart;
  while (isBlank(text.charCodeAt(at))) at++;
  return text.startsWith('machine ', at) || text.startsWith('default login', at);
}

/** Expo's `ExponentPushToken[…]`, or an address written `name [at] domain`, seen from its `[`. */
export function bracketMayOpenPhrase(text: string, i: number): boolean {
  return (
    (text.charCodeAt(i - 1) === 110 && text.startsWith('ExponentPushToken', i - 17)) ||
    isSpelledAt(text, i, 93)
  );
}

/**
 * `[at]`, `[ at ]`, `(AT)`: the `@` of an address spelled out against harvesters
 * (obfuscated-email.ts), from the opening bracket; `close` is the closing one.
 */
function isSpelledAt(text: string, open: number, close: number): boolean {
  let at = open + 1;
  if (text.charCodeAt(at) === 32) at++;
  if ((text.charCodeAt(at) | 32) !== 97 || (text.charCodeAt(at + 1) | 32) !== 116) return false;
  at += 2;
  if (text.charCodeAt(at) === 32) at++;
  return text.charCodeAt(at) === close;
}

/** `(secret …)`, `(token …)`, `(at)`, seen from the `(`. */
export function parenMayOpenPhrase(text: string, i: number): boolean {
  if (isSpelledAt(text, i, 41)) return true;
  const next = text.charCodeAt(i + 1) | 32;
  if (next === 115) return startsWordIgnoringCase(text, i + 1, 'secret');
  return next === 116 && startsWordIgnoringCase(text, i + 1, 'token');
}

function startsWordIgnoringCase(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(at + k) | 32) !== word.charCodeAt(k)) return false;
  }
  return isBlank(text.charCodeAt(at + word.length));
}

/** JAAS: `PlainLoginModule required username="<API key>"`, seen from the `=`. */
export function equalsMayOpenPhrase(text: string, codes: Uint16Array, i: number): boolean {
  return codes[i - 1] === 101 && codes[i + 1] === 34 && text.startsWith('username', i - 8);
}

/** `token ` (or `Token `) followed by a space, seen from its `k`: `refresh token <value>`. */
export function tokenWordAt(codes: Uint16Array, i: number): boolean {
  return (
    codes[i - 1] === 111 &&
    ((codes[i - 2] as number) | 32) === 116 &&
    codes[i + 1] === 101 &&
    codes[i + 2] === 110 &&
    codes[i + 3] === 32
  );
}
