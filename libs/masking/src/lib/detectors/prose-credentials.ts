import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';
import { isPlaceholderValue } from './placeholder-values';

/**
 * Credentials that running text introduces by a phrase rather than a key and a separator: chat
 * transcripts, audit messages, RADIUS and keychain debug lines, USSD sessions and PHP warnings.
 * Each phrase names the credential; where the phrase could also introduce an ordinary word
 * (`my password is wrong`), the value must look typed rather than written (see `looksTyped`).
 */

interface ProsePhrase {
  type: string;
  /** Global; capture group 1 is the value. Every quantifier is bounded. */
  pattern: RegExp;
  /** Whether the value must hold a digit or a symbol: the phrase also introduces prose. */
  typedOnly: boolean;
}

// What a typed password can hold; a trailing `.`, `,` or `)` closes the sentence instead.
const VALUE = `([^\\s"'<>]{3,127}[^\\s"'<>.,;:)\\]])`;

const PHRASES: readonly ProsePhrase[] = [
  // `my password is Fluffy2019!`, `the new password was: Xy7#…` (a chat, a ticket, a form echo).
  {
    type: 'PASSWORD',
    pattern: new RegExp(
      `\\b(?:my|the|your|his|her|their|new|temporary|temp|initial|default|one-time) (?:password|passwd) (?:is|was|will be)[: ]{1,3}["']?${VALUE}`,
      'gi',
    ),
    typedOnly: true,
  },
  // `door access PIN for contractor set to 904422`, `password for svc-backup reset to Xy7#…`.
  {
    type: 'PASSWORD',
    pattern:
      /\bPIN\b[^.;\n]{0,60}?\b(?:set|changed|reset|updated) to[ \t]{1,3}["']?(\d{4,12})(?![\w.-])/g,
    typedOnly: false,
  },
  {
    type: 'PASSWORD',
    pattern: new RegExp(
      `\\b(?:password|passwd)\\b[^.;\\n]{0,60}?\\b(?:set|changed|reset|updated) to[ \\t]{1,3}["']?${VALUE}`,
      'gi',
    ),
    typedOnly: true,
  },
  // FreeRADIUS: `Cleartext password "x" does not match`, and its `Cleartext-Password := "x"`.
  {
    type: 'PASSWORD',
    pattern: /\bcleartext[- ]password(?:[ \t]{0,2}:?=)?[ \t]{0,2}"([^"\n]{1,256})"/gi,
    typedOnly: false,
  },
  // iOS keychain and credential-store debug: `stored password for service … account …: x`.
  {
    type: 'PASSWORD',
    pattern:
      /\b(?:stored|saved|cached|generated|temporary|initial|default) (?:password|passwd) for [^:\n]{1,160}?:[ \t]{1,3}(\S{1,256})/gi,
    typedOnly: true,
  },
  // PHP: `mysqli::__construct(…) … args: ('host', 'user', 'pw', 'db')`, `new PDO('dsn', 'u', 'pw')`:
  // the third positional argument of a connect call is the password.
  {
    type: 'PASSWORD',
    pattern:
      /\b(?:mysqli(?:::__construct|::real_connect|_connect|_real_connect)|mysql_p?connect|PDO(?:::__construct|->__construct)?)\b(?:\(|[^\n]{0,256}?\bargs:[ \t]{0,2}\()[ \t]{0,2}'[^'\n]{0,256}',[ \t]{0,2}'[^'\n]{0,256}',[ \t]{0,2}'([^'\n]{1,256})'/g,
    typedOnly: false,
  },
  // A USSD request with a PIN as its last argument: `*144*1*4321#` (balance transfer, PIN).
  {
    type: 'PASSWORD',
    pattern: /(?<![\w*#])\*\d{3}(?:\*\d{1,20}){1,6}\*(\d{4,8})#/g,
    typedOnly: false,
  },
];

// `recovery codes generated for user 4411: 8f2k-1m9x q7w3-z0p2 h5j6-n8v4`: the list after the colon.
const CODE_LIST = /\b[Rr]ecovery[ _-]codes?\b|\b[Bb]ackup[ _-]codes?\b/g;
const CODE = /[A-Za-z0-9]{3,12}(?:-[A-Za-z0-9]{3,12}){0,3}/y;
const MAX_LIST_GAP = 80;
const MAX_CODES = 32;

/** A digit or a symbol: a value rather than a word of the sentence (`is wrong`, `set to expire`). */
function looksTyped(value: string): boolean {
  return /[\d!@#$%^&*+=?~_\-/\\|{}[\]]/.test(value);
}

function findPhrases(text: string, emit: EmitSpan): void {
  for (const { type, pattern, typedOnly } of PHRASES) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const value = match[1] as string;
      if (isPlaceholderValue(value) || (typedOnly && !looksTyped(value)) || value.startsWith('$')) {
        pattern.lastIndex = match.index + 1;
        continue;
      }
      const end = match.index + match[0].length;
      const start = end - match[0].length + match[0].lastIndexOf(value);
      emit(type, start, start + value.length);
      pattern.lastIndex = end;
    }
  }
}

/** The first `:` within `gap` characters of `from` on the same line, or -1. */
function colonWithin(text: string, from: number, gap: number): number {
  const limit = Math.min(text.length, from + gap);
  for (let i = from; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 58) return i;
    if (code === 10) return -1;
  }
  return -1;
}

/** Each code with a digit in the list after `recovery codes …:` (a word of prose has none). */
function findCodeLists(text: string, emit: EmitSpan): void {
  CODE_LIST.lastIndex = 0;
  for (let list = CODE_LIST.exec(text); list !== null; list = CODE_LIST.exec(text)) {
    let i = list.index + list[0].length;
    const colon = colonWithin(text, i, MAX_LIST_GAP);
    if (colon < 0) continue;
    i = colon + 1;
    for (let count = 0; count < MAX_CODES; count++) {
      while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 44) i++;
      CODE.lastIndex = i;
      const code = CODE.exec(text);
      if (code === null || !/\d/.test(code[0])) break;
      const end = i + code[0].length;
      if (/[\w]/.test(text.charAt(end))) break;
      emit('SECRET', i, end);
      i = end;
    }
    CODE_LIST.lastIndex = Math.max(i, CODE_LIST.lastIndex);
  }
}

export const proseCredentialDetector: Detector = {
  types: ['PASSWORD', 'SECRET'],
  trigger: Trigger.PROSE,
  find(text, emit) {
    findPhrases(text, emit);
    findCodeLists(text, emit);
  },
};
