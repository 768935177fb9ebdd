import type { BatchItemError, BatchResult } from '@redtail/contracts';

/** What became of one batch, and so what the shipper does next. */
export type SendOutcome =
  | { kind: 'delivered'; accepted: number; errors: BatchItemError[] }
  /** Worth sending again after `afterMs`: the server is busy, locked down or unreachable. */
  | { kind: 'retry'; afterMs: number | undefined; reason: string }
  /** The server refused this batch (malformed; or too large, when a smaller one may pass). */
  | { kind: 'refused'; reason: string; tooLarge: boolean }
  /** Nothing will pass until the operator fixes something (the key, the URL). */
  | { kind: 'fatal'; reason: string };

export interface SenderOptions {
  /** Redtail's base URL, e.g. http://127.0.0.1:3000 or https://tools.example.com/redtail */
  url: string;
  key?: string;
  timeoutMs: number;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const FATAL_STATUSES = new Set([401, 403, 404, 405]);

/** One `POST /logs/batch` of NDJSON lines, its answer read as a `SendOutcome`. Never throws. */
export async function sendBatch(
  lines: readonly string[],
  options: SenderOptions,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(redtailUrl(options.url, 'logs/batch'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      },
      body: lines.join('\n'),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    return { kind: 'retry', afterMs: undefined, reason: networkReason(error) };
  }
  const text = await response.text().catch(() => '');
  if (response.status === 201) {
    // 201 means stored: sending again would duplicate, even if the answer cannot be read.
    const result = parseResult(text);
    return result
      ? { kind: 'delivered', accepted: result.accepted, errors: result.errors }
      : { kind: 'delivered', accepted: lines.length, errors: [] };
  }
  const reason = refusalReason(response.status, text, options.key);
  if (RETRY_STATUSES.has(response.status)) {
    return { kind: 'retry', afterMs: retryAfterMs(response.headers.get('retry-after')), reason };
  }
  if (FATAL_STATUSES.has(response.status)) return { kind: 'fatal', reason };
  return { kind: 'refused', reason, tooLarge: response.status === 413 };
}

/** What the shipper says when Redtail turns it away for want of a key it was never given. */
export const NO_KEY_REASON =
  'Redtail requires a key and none was given: set REDTAIL_KEY to an ingest key (or pass --key)';

/** The server's answer, except that a 401 to a keyless request names the missing setting. */
export function refusalReason(status: number, text: string, key: string | undefined): string {
  if (status === 401 && !key) return NO_KEY_REASON;
  return `HTTP ${status}: ${serverMessage(text)}`;
}

/** A route under Redtail's address, which may carry a base path and a trailing slash. */
export function redtailUrl(base: string, route: string): string {
  return `${base.replace(/\/+$/, '')}/${route}`;
}

/** `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseResult(text: string): BatchResult | undefined {
  try {
    const value = JSON.parse(text) as Partial<BatchResult>;
    return typeof value.accepted === 'number' && Array.isArray(value.errors)
      ? (value as BatchResult)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Redtail's error bodies carry a `message` and never echo log content. */
export function serverMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // Not Redtail answering (a proxy's error page): say so without printing it.
  }
  return text === '' ? 'no body' : 'not a Redtail answer';
}

/** fetch's errors may come from another realm (undici), so no `instanceof` here. */
export function networkReason(error: unknown): string {
  const failure = (error ?? {}) as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (failure.name === 'TimeoutError') return 'no answer in time';
  return failure.cause?.code ?? failure.cause?.message ?? failure.message ?? String(error);
}
