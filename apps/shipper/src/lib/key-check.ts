import type { Identity } from '@redtail/contracts';
import { networkReason, redtailUrl, refusalReason, type SenderOptions } from './batch-sender';

export type KeyCheck =
  | { kind: 'ok'; identity: Identity }
  /** Sending cannot work: the key is unknown or cannot ingest, or no Redtail answers there. */
  | { kind: 'refused'; reason: string }
  /** Redtail did not answer now; the shipper starts anyway and resends until it does. */
  | { kind: 'unreachable'; reason: string };

/**
 * Asks `GET /auth/me` who the key belongs to before any line is read, so a wrong key or URL
 * fails at start-up rather than at the first log line, which may be hours away.
 */
export async function checkKey(options: SenderOptions): Promise<KeyCheck> {
  let response: Response;
  try {
    response = await fetch(redtailUrl(options.url, 'auth/me'), {
      headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    return { kind: 'unreachable', reason: networkReason(error) };
  }
  const text = await response.text().catch(() => '');
  if (response.status === 200) {
    const identity = readIdentity(text);
    if (!identity) return { kind: 'refused', reason: 'no Redtail answers at this URL' };
    if (identity.role !== 'ingest' && identity.role !== 'admin') {
      return {
        kind: 'refused',
        reason: `the key "${identity.name}" has the ${identity.role} role; sending needs ingest`,
      };
    }
    return { kind: 'ok', identity };
  }
  const reason = refusalReason(response.status, text, options.key);
  if (response.status === 404) {
    return { kind: 'refused', reason: `${reason} (is the base path part of --url?)` };
  }
  if (response.status === 401 || response.status === 403) return { kind: 'refused', reason };
  return { kind: 'unreachable', reason };
}

function readIdentity(text: string): Identity | undefined {
  try {
    const value = JSON.parse(text) as Partial<Identity>;
    return typeof value.name === 'string' && typeof value.role === 'string'
      ? (value as Identity)
      : undefined;
  } catch {
    return undefined;
  }
}
