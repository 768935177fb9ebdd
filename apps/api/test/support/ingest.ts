import type { LogEntry } from '@redtail/contracts';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { bearer } from './test-keys';

/**
 * Polls `GET /logs` until at least `count` entries are stored (shippers batch and flush on their
 * own clocks), then returns them oldest first. Waits a little longer to catch a duplicate.
 */
export async function waitForEntries(
  url: string,
  count: number,
  options: { token?: string; timeoutMs?: number } = {},
): Promise<LogEntry[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const entries = await storedEntries(url, options.token);
    if (entries.length >= count) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return storedEntries(url, options.token);
    }
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} stored entries, found ${entries.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function storedEntries(url: string, token?: string): Promise<LogEntry[]> {
  const response = await request(url)
    .get('/logs?limit=1000')
    .set(token ? bearer(token) : {})
    .expect(200);
  return (response.body.entries as LogEntry[]).reverse();
}

export async function metricsOf(url: string, token?: string): Promise<Record<string, unknown>> {
  const response = await request(url)
    .get('/logs/metrics')
    .set(token ? bearer(token) : {})
    .expect(200);
  return response.body as Record<string, unknown>;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A POST with exactly these bytes (supertest would serialise a Buffer sent as JSON). */
export function postBytes(
  url: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${url}${path}`, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
