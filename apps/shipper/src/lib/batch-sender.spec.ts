import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NO_KEY_REASON, retryAfterMs, sendBatch } from './batch-sender';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

describe('sendBatch', () => {
  let server: Server;
  let url: string;
  let handler: Handler;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => handler(request, body, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/redtail/`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    handler = (_request, _body, response) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
  };
  const options = () => ({ url, key: 'ingest-secret', timeoutMs: 2_000 });

  it('posts NDJSON to <url>/logs/batch with the key as a bearer token', async () => {
    let seen: { path?: string; type?: string; auth?: string; body?: string } = {};
    handler = (request, body, response) => {
      seen = {
        path: request.url,
        type: request.headers['content-type'],
        auth: request.headers['authorization'],
        body,
      };
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ accepted: 2, rejected: 0, ids: ['1-1', '1-2'], errors: [] }));
    };
    const outcome = await sendBatch(['{"a":1}', '{"b":2}'], options());
    expect(outcome).toEqual({ kind: 'delivered', accepted: 2, errors: [] });
    expect(seen).toEqual({
      path: '/redtail/logs/batch',
      type: 'application/x-ndjson',
      auth: 'Bearer ingest-secret',
      body: '{"a":1}\n{"b":2}',
    });
  });

  it('passes on which entries the server rejected and why', async () => {
    const errors = [{ index: 1, field: 'level', reason: 'unknown level' }];
    answer(201, { accepted: 1, rejected: 1, ids: ['1-3'], errors });
    expect(await sendBatch(['a', 'b'], options())).toEqual({
      kind: 'delivered',
      accepted: 1,
      errors,
    });
  });

  it.each([
    [429, { 'retry-after': '3' }, 3_000],
    [503, {}, undefined],
    [502, {}, undefined],
  ])('asks to retry after HTTP %i (Retry-After %p)', async (status, headers, afterMs) => {
    answer(status, { message: 'busy' }, headers);
    expect(await sendBatch(['a'], options())).toEqual({
      kind: 'retry',
      afterMs,
      reason: `HTTP ${status}: busy`,
    });
  });

  it.each([401, 403, 404])('stops for good on HTTP %i (wrong key or URL)', async (status) => {
    answer(status, { message: 'no' });
    expect(await sendBatch(['a'], options())).toMatchObject({ kind: 'fatal' });
  });

  it('names the missing REDTAIL_KEY when it sent no key and was refused', async () => {
    answer(401, { message: 'An API key is required' });
    expect(await sendBatch(['a'], { ...options(), key: undefined })).toEqual({
      kind: 'fatal',
      reason: NO_KEY_REASON,
    });
  });

  it('gives up on one batch the server refuses (too large), without echoing a proxy page', async () => {
    answer(413, '<html>Request Entity Too Large</html>');
    expect(await sendBatch(['a'], options())).toEqual({
      kind: 'refused',
      reason: 'HTTP 413: not a Redtail answer',
      tooLarge: true,
    });
  });

  it('asks to retry when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await sendBatch(['a'], { url: `http://127.0.0.1:${port}`, timeoutMs: 2_000 });
    expect(outcome).toMatchObject({ kind: 'retry', reason: 'ECONNREFUSED' });
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores nonsense', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
