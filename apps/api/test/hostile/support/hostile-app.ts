import { bearer, KEY_ENV, KEYS } from '../../support/test-keys';
import type { Auth } from './seeds';

/**
 * Keys on, and limits high enough that a property's hundreds of requests are judged on what
 * they contain rather than refused for their number (the limits have their own tests).
 */
export const HOSTILE_ENV = {
  ...KEY_ENV,
  REDTAIL_RATE_LIMIT: '100000000',
  REDTAIL_INGEST_RATE_LIMIT: '100000000',
  REDTAIL_SCAN_RATE_LIMIT: '100000000',
  REDTAIL_SOCKET_RATE_LIMIT: '100000000',
};

export function authHeaders(auth: Auth): Record<string, string> {
  switch (auth) {
    case 'none':
      return {};
    case 'wrong':
      return bearer('not-a-configured-key-0000');
    default:
      return bearer(KEYS[auth]);
  }
}
