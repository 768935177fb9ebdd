import type { IncomingHttpHeaders } from 'node:http';
import type { Authentication } from './api-key.service';

/** Where a caller may put its key: `Authorization: Bearer <secret>` or `X-API-Key: <secret>`. */
export function secretFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1];
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey.trim() : undefined;
}

/**
 * Why a request carries no usable key, saying how to send one. A header that is there but
 * unreadable is named, so `Authorization: <key>` (the Bearer word forgotten) is not mistaken for
 * no key at all. Nothing from the header is quoted back.
 */
export function missingKeyMessage(headers: IncomingHttpHeaders): string {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
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
