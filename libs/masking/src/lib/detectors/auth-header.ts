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

/** The payload decoded, or undefined when it is not base64. */
function decoded(encoded: string): string | undefined {
  try {
    return atob(encoded);
  } catch {
    return undefined;
  }
}

// A payload this long mixing digits and both cases is no English word (`Basic authentication`).
const OPAQUE_PAYLOAD_LENGTH = 16;
const OPAQUE_PAYLOAD = /^(?=[^]*\d)(?=[^]*[a-z])(?=[^]*[A-Z])/;

function refineBasic(_text: string, match: RegExpExecArray): Span | undefined {
  const payload = match[1] ?? '';
  const text = decoded(payload);
  const printable = text !== undefined && PRINTABLE_CREDENTIALS.test(text);
  if (printable) return text.includes(':') ? trailingGroup(match) : undefined;
  const opaque = payload.length >= OPAQUE_PAYLOAD_LENGTH && OPAQUE_PAYLOAD.test(payload);
  return opaque ? trailingGroup(match) : undefined;
}

/**
 * `Basic dXNlcjpwYXNz`: when the payload decodes to `user:password`, or when it decodes to no
 * text at all yet is too long and mixed to be a word (a proxy's header capture may hold a
 * truncated or mangled one). Base64 of plain text without a colon stays.
 */
export const basicAuthDetector = regexDetector({
  type: 'BASIC_AUTH',
  trigger: Trigger.AUTH_SCHEME,
  pattern: /(?<![A-Za-z0-9])basic[ \t]{1,8}([A-Za-z0-9+/]{4,}={0,2})/gi,
  refine: refineBasic,
});
