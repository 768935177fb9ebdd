import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';

interface Phrase {
  type: string;
  /** Global, sticky-free; capture group 1 is the secret. Every quantifier is bounded. */
  pattern: RegExp;
}

// One value token: what a password or token typed into a command or a form can hold.
/**
 * Credentials that sit in a fixed phrase of a real tool rather than after a key and a
 * separator: shell pipes into password tools, SQL statements, protocol exchanges, client
 * library calls and well-known file formats. Each phrase names its own tool, so the value's
 * shape does not have to look secret.
 */
const PHRASES: readonly Phrase[] = [
  // GitHub Actions' `::add-mask::value`: the runner was asked to hide it, so must we.
  { type: 'SECRET', pattern: /::add-mask::(\S{1,1024})/g },
  // `echo 'pw' | kinit`, `echo 'user:pw' | chpasswd`, `echo 'pw' | docker login --password-stdin`.
  {
    type: 'PASSWORD',
    pattern:
      /\becho[ \t]{1,4}(?:-n[ \t]{1,4})?'(?![$%])([^'\n]{1,256})'[ \t]{0,4}\|[ \t]{0,4}(?:sudo[ \t]{1,4}-S\b|kinit\b|chpasswd\b|passwd\b|htpasswd\b|smbpasswd\b|(?:docker|podman|helm[ \t]{1,4}registry|vault|oras|crane)[ \t]{1,4}(?:auth[ \t]{1,4})?login\b)/g,
  },
  // MySQL `SET PASSWORD FOR 'u'@'h' = 'pw'` and `IDENTIFIED WITH plugin BY 'pw'`.
  {
    type: 'PASSWORD',
    pattern:
      /\bSET[ \t]{1,4}PASSWORD[ \t]{1,4}(?:FOR[ \t]{1,4}[^=\n]{1,128}?)?=[ \t]{1,4}'([^'\n]{1,256})'/gi,
  },
  {
    type: 'PASSWORD',
    pattern:
      /\bIDENTIFIED[ \t]{1,4}WITH[ \t]{1,4}\w{1,64}[ \t]{1,4}BY[ \t]{1,4}'([^'\n]{1,256})'/gi,
  },
  // PostgreSQL's pgcrypto and MySQL's AES functions: the argument after the data is the key.
  {
    type: 'SECRET',
    pattern:
      /\b(?:pgp_sym_(?:en|de)crypt(?:_bytea)?|aes_(?:en|de)crypt)\([^()'\n]{0,128},[ \t]{1,4}'([^'\n]{1,256})'/gi,
  },
  // python-ldap's `simple_bind_s('dn', 'pw')`, also as the tuple its tracer logs.
  {
    type: 'PASSWORD',
    pattern: /\b(?:simple_)?bind(?:_s)?\(\(?'[^'\n]{1,256}',[ \t]{1,4}'([^'\n]{1,256})'/g,
  },
  // Dovecot's auth debug: `SHA512-CRYPT(plaintext) != '<hash>'`.
  { type: 'PASSWORD', pattern: /\b[A-Z][A-Z0-9-]{1,24}\(([^()\s]{1,256})\) != '/g },
  // SMTP AUTH LOGIN: the base64 line after the server's `334 UGFzc3dvcmQ6` ("Password:").
  {
    type: 'PASSWORD',
    pattern:
      /\b334 UGFzc3dvcmQ6[ \t]{0,4}\r?\n[ \t]{0,4}(?:->[ \t]{0,4}|C:[ \t]{0,4})?([A-Za-z0-9+/=]{2,512})/g,
  },
  // `kubectl get secret … | base64 -d`: the decoded secret is the next line of the output.
  {
    type: 'SECRET',
    pattern:
      /\bkubectl[ \t][^\n]{0,256}?\bsecrets?\b[^\n]{0,256}?\|[ \t]{0,4}base64[ \t]{1,4}(?:-d|--decode|-D)\b[^\n]{0,8}\r?\n(\S{1,1024})/g,
  },
  // `.pgpass`: host:port:database:user:password, one entry per line.
  {
    type: 'PASSWORD',
    pattern:
      /(?:^|\n)[^\s:]{1,253}:\d{1,5}:[A-Za-z*][^\s:]{0,62}:[^\s:]{1,63}:(\S{1,256})(?=\r?\n|$)/g,
  },
  // `.netrc`: `machine host login user password pw` (or the `default` entry).
  {
    type: 'PASSWORD',
    pattern:
      /(?:^|\n)[ \t]{0,8}(?:machine[ \t]{1,8}\S{1,256}|default)[ \t]{1,8}login[ \t]{1,8}\S{1,256}[ \t]{1,8}password[ \t]{1,8}(\S{1,256})/g,
  },
  // Kafka's JAAS line for Confluent Cloud: the `username` is the API key (`password` its secret).
  {
    type: 'API_KEY',
    pattern:
      /\bPlainLoginModule[ \t]{1,4}required[ \t]{1,4}username="([^"\n]{1,256})"[ \t]{1,4}password=/g,
  },
  // `(secret <value>)` beside an access key id: the value is its secret key.
  {
    type: 'SECRET',
    pattern: /\((?:secret|secret key|token)[ \t]([A-Za-z0-9+/=_-]{16,512})\)/gi,
  },
  // `refresh token <value>`, `apns token <hex>`, `with token <uuid>`: a long value right after
  // the word. Words (`token expired`) are never this long and mixed.
  {
    type: 'SECRET',
    pattern:
      /\b[Tt]oken (?:is )?((?=[A-Za-z0-9_+/=.-]{0,512}\d)(?=[A-Za-z0-9_+/=.-]{0,512}[A-Za-z])[A-Za-z0-9_+/=.-]{20,512})(?![A-Za-z0-9_+/=.-])/g,
  },
  // Push tokens with a fixed shape: Expo and Firebase Cloud Messaging registrations.
  { type: 'SECRET', pattern: /\bExponentPushToken\[([A-Za-z0-9_-]{8,128})\]/g },
  { type: 'SECRET', pattern: /(?<![\w-])([\w-]{8,64}:APA91b[\w-]{20,512})/g },
];

function findPhrases(text: string, emit: EmitSpan): void {
  for (const { type, pattern } of PHRASES) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const groups = match.length - 1;
      let group = 1;
      while (group < groups && match[group] === undefined) group++;
      const value = match[group];
      if (value !== undefined && value.length > 0) {
        const end = match.index + match[0].length;
        // The value is the last thing the pattern consumed, or sits before a closing quote.
        const start = match[0].lastIndexOf(value);
        emit(type, match.index + start, match.index + start + value.length);
        pattern.lastIndex = Math.max(end, match.index + 1);
      }
    }
  }
}

export const credentialPhraseDetector: Detector = {
  types: ['PASSWORD', 'SECRET'],
  trigger: Trigger.PHRASE,
  find: findPhrases,
};
