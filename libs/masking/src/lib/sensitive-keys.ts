export type SensitiveKeyType = 'PASSWORD' | 'SECRET';

interface KeyName {
  type: SensitiveKeyType;
  /** Short names like `pass` would match `bypass` as a suffix, so they only match a whole key. */
  wholeKeyOnly: boolean;
}

// Children are indexed by `code - 48` over '0'..'z'; an array beats a Map on this hot path.
const ALPHABET_SIZE = 75;

interface TrieNode {
  next: (TrieNode | undefined)[];
  name?: KeyName;
}

const emptyNode = (): TrieNode => ({ next: new Array<TrieNode | undefined>(ALPHABET_SIZE) });

const PASSWORD_KEYS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'password_confirmation',
  'password_confirm',
];
const SECRET_KEYS = [
  'secret',
  'token',
  'authorization',
  'cookie',
  'set-cookie',
  'api_key',
  'private_key',
  'client_secret',
  'secret_key',
  'access_key',
  'credential',
  'credentials',
  'session_id',
  'sessid',
  'signing_key',
  'encryption_key',
  'master_key',
];
const WHOLE_KEY_PASSWORD_KEYS = ['pass', 'pw'];
const WHOLE_KEY_SECRET_KEYS = ['auth', 'sid'];

/** The built-in names, as documented; matching ignores case, `_`, `-` and `.`. */
export const BUILT_IN_SENSITIVE_KEYS: readonly string[] = Object.freeze([
  ...PASSWORD_KEYS,
  ...WHOLE_KEY_PASSWORD_KEYS,
  ...SECRET_KEYS,
  ...WHOLE_KEY_SECRET_KEYS,
]);

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

function isAlphanumeric(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    if (normalizedCode(key.charCodeAt(i)) <= 0) return false;
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
}

/**
 * The sensitive key names, stored reversed in a trie so a scanner that has just met a `=` or `:`
 * can walk backwards over the key and usually give up after one character.
 */
export class SensitiveKeys {
  private readonly root: TrieNode = emptyNode();

  constructor(extraKeys: readonly string[] = []) {
    for (const key of PASSWORD_KEYS) this.add(key, 'PASSWORD', false);
    for (const key of SECRET_KEYS) this.add(key, 'SECRET', false);
    for (const key of WHOLE_KEY_PASSWORD_KEYS) this.add(key, 'PASSWORD', true);
    for (const key of WHOLE_KEY_SECRET_KEYS) this.add(key, 'SECRET', true);
    for (const key of extraKeys) this.add(key, 'SECRET', false);
  }

  /** Cheap first test for scanners: can a sensitive key end with this character? */
  mayEndWith(code: number): boolean {
    const normalized = normalizedCode(code);
    return normalized === 0 || (normalized > 0 && this.root.next[normalized - 48] !== undefined);
  }

  /** The type to mask a value under `key` as, or undefined when the key is not sensitive. */
  typeOf(key: string): SensitiveKeyType | undefined {
    // The walk lower-cases as it goes, so a plain identifier needs no normalised copy: this
    // runs for every key of every logged object, and the copy (and its regex) cost more.
    const text = isAlphanumeric(key) ? key : normalizeKey(key);
    return this.matchEndingAt(text, text.length, 0)?.type;
  }

  /**
   * Looks at the identifier (`[A-Za-z0-9_.-]`) that ends just before `end` in `text`.
   * Returns its type and start when it ends with a sensitive name.
   */
  matchEndingAt(text: string, end: number, limit = 0): KeyMatch | undefined {
    const floor = Math.max(limit, end - MAX_KEY_LENGTH);
    let node = this.root;
    let match: KeyName | undefined;
    let matchIndex = -1;
    for (let i = end - 1; i >= floor; i--) {
      const code = normalizedCode(text.charCodeAt(i));
      if (code < 0) break;
      if (code === 0) continue;
      const next = node.next[code - 48];
      if (next === undefined) break;
      node = next;
      if (node.name !== undefined) {
        match = node.name;
        matchIndex = i;
        if (!match.wholeKeyOnly) break;
      }
    }
    if (match === undefined) return undefined;
    let keyStart = matchIndex;
    while (keyStart > floor && normalizedCode(text.charCodeAt(keyStart - 1)) >= 0) {
      keyStart--;
    }
    if (match.wholeKeyOnly) {
      for (let j = keyStart; j < matchIndex; j++) {
        if (normalizedCode(text.charCodeAt(j)) > 0) return undefined;
      }
    }
    return { type: match.type, keyStart };
  }

  private add(key: string, type: SensitiveKeyType, wholeKeyOnly: boolean): void {
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
    node.name ??= { type, wholeKeyOnly };
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
