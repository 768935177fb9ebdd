import type { IncomingHttpHeaders } from 'node:http';
import type { Authentication } from './api-key.service';

/**
 * Every secret a request's headers offer, most likely first. Shippers put the key where their
 * protocol does: `Authorization: Bearer <key>` (Redtail, OpenTelemetry), `Basic` with the key as
 * the password (Loki clients), `ApiKey <key>` or `ApiKey base64(id:key)` (Elasticsearch
 * clients), or `X-API-Key: <key>`.
 */
export function secretsFromHeaders(headers: IncomingHttpHeaders): string[] {
  const authorization = headers.authorization;
  if (authorization) {
    const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization);
    if (!match) return [];
    const [, scheme, token] = match;
    switch (scheme.toLowerCase()) {
      case 'bearer':
        return [token];
      case 'basic': {
        const password = afterColon(fromBase64(token));
        return password ? [password] : [];
      }
      case 'apikey': {
        const encodedKey = afterColon(fromBase64(token));
        return encodedKey ? [encodedKey, token] : [token];
      }
      default:
        return [];
    }
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() ? [apiKey.trim()] : [];
}

/** The first secret offered, for clients that have one place to put it (Socket.IO). */
export function secretFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  return secretsFromHeaders(headers)[0];
}

/**
 * The first offered secret that names a key; when none does, why. An `ApiKey` token may be the
 * key itself or base64 of `id:key`, and only the keys can tell which.
 */
export function authenticateHeaders(
  headers: IncomingHttpHeaders,
  authenticate: (secret: string | undefined) => Authentication,
): Authentication {
  const secrets = secretsFromHeaders(headers);
  let result = authenticate(secrets[0]);
  for (let index = 1; index < secrets.length && 'failure' in result; index += 1) {
    result = authenticate(secrets[index]);
  }
  return result;
}

/**
 * Why a request carries no usable key, saying how to send one. A header that is there but
 * unreadable is named, so `Authorization: <key>` (the Bearer word forgotten) is not mistaken for
 * no key at all. Nothing from the header is quoted back.
 */
export function missingKeyMessage(headers: IncomingHttpHeaders): string {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    if (/^Basic(\s|$)/i.test(authorization.trim())) {
      return 'HTTP Basic authorization must carry base64 of "user:key": the key is the password';
    }
    if (!/^Bearer(\s|$)/i.test(authorization.trim())) {
      return 'The Authorization header must read "Bearer <key>": the word Bearer and a space go before the key';
    }
    return 'The Authorization header must read "Bearer <key>": one key after Bearer, without spaces';
  }
  return 'An API key is required: send "Authorization: Bearer <key>" or "X-API-Key: <key>"';
}

/** Socket.IO clients send `auth: { token }`; non-browser clients may use headers instead. */
export function secretFromHandshake(handshake: {
  auth?: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}): string | undefined {
  const token = handshake.auth?.['token'];
  if (typeof token === 'string' && token) return token;
  return secretFromHeaders(handshake.headers);
}

const AUTHENTICATION = Symbol('redtail.authentication');

/** Memoised on the request: the rate limiter and the roles guard both need it, hashing once is enough. */
export function authenticationOf(
  request: object,
  authenticate: () => Authentication,
): Authentication {
  const holder = request as { [AUTHENTICATION]?: Authentication };
  holder[AUTHENTICATION] ??= authenticate();
  return holder[AUTHENTICATION];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Strict base64 of printable UTF-8, or undefined: anything else is not an encoded credential. */
function fromBase64(token: string): string | undefined {
  if (token.length % 4 !== 0 || !BASE64.test(token)) return undefined;
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f\ufffd]/.test(decoded) ? undefined : decoded;
}

/** `user:secret` → `secret` (which may itself hold colons); nothing when either side is empty. */
function afterColon(pair: string | undefined): string | undefined {
  if (pair === undefined) return undefined;
  const colon = pair.indexOf(':');
  if (colon <= 0 || colon === pair.length - 1) return undefined;
  return pair.slice(colon + 1);
}
