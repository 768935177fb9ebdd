import { regexDetector, trailingGroup, type Span } from '../detector';
import { Trigger } from '../triggers';

// Below this length a bearer "token" made of plain letters is usually prose:
// "Bearer authentication required".
const PLAIN_WORD_TOKEN_LENGTH = 20;
const TOKEN_MARKS = /[\d\-._~+/=]/;

function refineBearer(_text: string, match: RegExpExecArray): Span | undefined {
  const token = match[1] ?? '';
  if (token.length < PLAIN_WORD_TOKEN_LENGTH && !TOKEN_MARKS.test(token)) return undefined;
  return trailingGroup(match);
}

/** Keeps the scheme visible: `Authorization: Bearer [BEARER_TOKEN]`. */
export const bearerTokenDetector = regexDetector({
  type: 'BEARER_TOKEN',
  trigger: Trigger.AUTH_SCHEME,
  pattern: /(?<![A-Za-z0-9])bearer[ \t]{1,8}([A-Za-z0-9\-._~+/]{8,}={0,2})/gi,
  refine: refineBearer,
});

const PRINTABLE_CREDENTIALS = /^[\x20-\x7e\u00a0-\uffff]+$/;

function decodesToCredentials(encoded: string): boolean {
  try {
    const decoded = atob(encoded);
    return decoded.includes(':') && PRINTABLE_CREDENTIALS.test(decoded);
  } catch {
    return false;
  }
}

function refineBasic(_text: string, match: RegExpExecArray): Span | undefined {
  return decodesToCredentials(match[1] ?? '') ? trailingGroup(match) : undefined;
}

/** `Basic dXNlcjpwYXNz`: only when the payload really decodes to `user:password`. */
export const basicAuthDetector = regexDetector({
  type: 'BASIC_AUTH',
  trigger: Trigger.AUTH_SCHEME,
  pattern: /(?<![A-Za-z0-9])basic[ \t]{1,8}([A-Za-z0-9+/]{4,}={0,2})/gi,
  refine: refineBasic,
});
