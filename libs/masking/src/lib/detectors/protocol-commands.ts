import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';

// SASL mechanisms after SMTP/IMAP/POP3 `AUTH`: what follows them is a base64 initial response.
const SASL_MECHANISMS = new Set([
  'PLAIN',
  'LOGIN',
  'XOAUTH2',
  'OAUTHBEARER',
  'CRAM-MD5',
  'DIGEST-MD5',
  'SCRAM-SHA-1',
  'SCRAM-SHA-256',
  'NTLM',
  'GSSAPI',
  'EXTERNAL',
  'ANONYMOUS',
]);
// Redis settings whose value is a password (`CONFIG SET requirepass x`).
const REDIS_PASSWORD_SETTINGS = new Set(['requirepass', 'masterauth', 'masteruser']);

// `AUTH failed for …` reports an outcome; it is not a command carrying a password.
const AUTH_OUTCOMES = new Set([
  'failed',
  'failure',
  'error',
  'ok',
  'success',
  'succeeded',
  'successful',
  'required',
  'denied',
  'timeout',
]);

const MAX_TOKEN = 512;
const MAX_TAG = 12;
const COMMAND = /(?<![A-Za-z0-9_-])(AUTH|PASS|LOGIN|CONFIG)(?=[ \t])/g;

const isBlank = (code: number): boolean => code === 32 || code === 9;

interface Word {
  start: number;
  end: number;
  /** Without the quotes around it. */
  innerStart: number;
  innerEnd: number;
}

/**
 * The word at `start`: quoted, or up to a blank, a quote or a logged `\r`/`\n` escape. Words in
 * a logged protocol exchange end where the wire line ended.
 */
function wordAt(text: string, start: number): Word | undefined {
  const limit = Math.min(text.length, start + MAX_TOKEN);
  const quote = text.charCodeAt(start);
  if (quote === 34 || quote === 39) {
    const close = text.indexOf(String.fromCharCode(quote), start + 1);
    if (close === -1 || close >= limit || close === start + 1) return undefined;
    return { start, end: close + 1, innerStart: start + 1, innerEnd: close };
  }
  let end = start;
  while (end < limit) {
    const code = text.charCodeAt(end);
    if (isBlank(code) || code === 34 || code === 39 || code === 10 || code === 13) break;
    if (code === 92 && (text.charCodeAt(end + 1) === 114 || text.charCodeAt(end + 1) === 110)) {
      break;
    }
    end++;
  }
  return end === start ? undefined : { start, end, innerStart: start, innerEnd: end };
}

/** The word after the blanks at `from`, or undefined at the end of the command. */
function nextWord(text: string, from: number): Word | undefined {
  let start = from;
  if (!isBlank(text.charCodeAt(start))) return undefined;
  while (isBlank(text.charCodeAt(start))) start++;
  return wordAt(text, start);
}

/** What a password after `PASS` never looks like: a test-runner path (`PASS src/app.spec.ts`). */
function looksLikePath(text: string, word: Word): boolean {
  for (let i = word.innerStart; i < word.innerEnd; i++) {
    const code = text.charCodeAt(i);
    if (code === 47 || code === 92) return true;
  }
  return /\.(?:[jt]sx?|py|go|rb|java|kt|cs|php)$/.test(text.slice(word.innerStart, word.innerEnd));
}

/** Whether the command word at `start` begins a command: after a prompt, a tag or a log prefix. */
function atCommandStart(text: string, start: number): boolean {
  let i = start;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  // `redis> AUTH`, `C: AUTH`, `Request: PASS`, `'AUTH`, `"AUTH`; not `LDAP AUTH failed`.
  return before === 62 || before === 58 || before === 34 || before === 39 || before === 93;
}

class ProtocolScanner {
  constructor(
    private readonly text: string,
    private readonly emit: EmitSpan,
  ) {}

  command(name: string, end: number): void {
    switch (name) {
      case 'AUTH':
        return this.auth(end);
      case 'PASS':
        return this.pass(end);
      case 'LOGIN':
        return this.login(end);
      case 'CONFIG':
        return this.config(end);
    }
  }

  /** Redis `AUTH pw` / `AUTH user pw`; SMTP `AUTH PLAIN <base64>`; Dovecot's `resp=<base64>`. */
  private auth(end: number): void {
    const { text } = this;
    const first = nextWord(text, end);
    if (first === undefined) return;
    const word = text.slice(first.innerStart, first.innerEnd);
    if (SASL_MECHANISMS.has(word.toUpperCase())) {
      const response = nextWord(text, first.end);
      if (response !== undefined && response.innerEnd - response.innerStart >= 4) {
        this.emitWord(response);
      }
      return;
    }
    if (/^\d+$/.test(word)) return this.dovecotResponse(first.end);
    if (AUTH_OUTCOMES.has(word.toLowerCase())) return;
    const second = nextWord(text, first.end);
    this.emitWord(second ?? first);
  }

  /** Dovecot auth debug lines: `AUTH\t1\tPLAIN\tservice=imap\t…\tresp=<base64>`. */
  private dovecotResponse(from: number): void {
    const { text } = this;
    const lineEnd = text.indexOf('\n', from);
    const limit = lineEnd === -1 ? text.length : lineEnd;
    const at = text.indexOf('resp=', from);
    if (at === -1 || at >= limit) return;
    const response = wordAt(text, at + 5);
    if (response !== undefined) this.emitWord(response);
  }

  private pass(end: number): void {
    const word = nextWord(this.text, end);
    if (word !== undefined && !looksLikePath(this.text, word)) this.emitWord(word);
  }

  /** IMAP `a001 LOGIN user "password"`: the second argument. */
  private login(end: number): void {
    const user = nextWord(this.text, end);
    const password = user && nextWord(this.text, user.end);
    if (password !== undefined) this.emitWord(password);
  }

  private config(end: number): void {
    const { text } = this;
    const set = nextWord(text, end);
    if (set === undefined || text.slice(set.innerStart, set.innerEnd).toUpperCase() !== 'SET') {
      return;
    }
    const setting = nextWord(text, set.end);
    if (setting === undefined) return;
    const name = text.slice(setting.innerStart, setting.innerEnd).toLowerCase();
    const value = REDIS_PASSWORD_SETTINGS.has(name) ? nextWord(text, setting.end) : undefined;
    if (value !== undefined) this.emitWord(value);
  }

  private emitWord(word: Word): void {
    if (word.innerEnd > word.innerStart) this.emit('PASSWORD', word.innerStart, word.innerEnd);
  }
}

function findProtocolPasswords(text: string, emit: EmitSpan): void {
  const scanner = new ProtocolScanner(text, emit);
  COMMAND.lastIndex = 0;
  for (let match = COMMAND.exec(text); match !== null; match = COMMAND.exec(text)) {
    const name = match[1] ?? '';
    if (name === 'LOGIN' || atCommandStart(text, match.index)) {
      if (name !== 'LOGIN' || hasTagBefore(text, match.index)) {
        scanner.command(name, match.index + name.length);
      }
    }
  }
}

/** IMAP commands carry a tag (`a001 LOGIN`, `IKOL1 LOGIN`); prose `LOGIN` does not. */
function hasTagBefore(text: string, start: number): boolean {
  let i = start - 1;
  if (!isBlank(text.charCodeAt(i))) return false;
  const tagEnd = i;
  while (i > 0 && tagEnd - i <= MAX_TAG && /[A-Za-z0-9.]/.test(text.charAt(i - 1))) i--;
  if (tagEnd - i < 1 || tagEnd - i > MAX_TAG) return false;
  return !/[A-Za-z0-9]/.test(text.charAt(i - 1)) && /\d/.test(text.slice(i, tagEnd));
}

/**
 * Credentials in logged protocol commands: Redis `AUTH [user] pw` and `CONFIG SET requirepass
 * pw`, FTP/POP3 `PASS pw`, IMAP `tag LOGIN user pw`, the base64 response of SMTP/IMAP `AUTH PLAIN`
 * (and other SASL mechanisms), Dovecot's `resp=`.
 */
export const protocolCommandDetector: Detector = {
  types: ['PASSWORD'],
  trigger: Trigger.COMMAND,
  find: findProtocolPasswords,
};
