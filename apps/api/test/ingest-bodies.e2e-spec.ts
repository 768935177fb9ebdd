import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { postBytes } from './support/ingest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

/** Every route that takes a body, with the key that may call it and a body it accepts. */
const BODY_ROUTES: [string, string, string][] = [
  ['/logs', KEYS.ingest, '{"level":"info","message":"x"}'],
  ['/logs/batch', KEYS.ingest, '[{"level":"info","message":"x"}]'],
  ['/logs/panic', KEYS.admin, '{}'],
  ['/logs/resume', KEYS.admin, '{}'],
  ['/v1/logs', KEYS.ingest, '{"resourceLogs":[]}'],
  ['/loki/api/v1/push', KEYS.ingest, '{"streams":[]}'],
  ['/_bulk', KEYS.ingest, '{"index":{"_index":"a"}}\n{"msg":"x"}\n'],
];

/**
 * Sends headers announcing a large body and only its first bytes, then waits for an answer:
 * a server that parsed bodies before checking keys would wait for the rest instead.
 */
function answerBeforeBody(url: string, path: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${10 * 1024 * 1024}\r\n\r\n{"secret":"jane.doe@`,
      );
    });
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      if (received.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${path} before the body was sent`));
    }, 3_000);
  });
}

describe('bodies are read after the key is checked, on every route that takes one', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });
  afterAll(() => running.close());

  it.each(BODY_ROUTES.map(([path]) => [path]))(
    'answers POST %s without a key with 401 before reading the body',
    async (path) => {
      const head = await answerBeforeBody(running.url, path);
      expect(head).toMatch(/^HTTP\/1\.1 401 /);
    },
  );

  it.each(BODY_ROUTES.map(([path]) => [path]))(
    'never quotes an unauthenticated body on POST %s',
    async (path) => {
      const response = await postBytes(
        running.url,
        path,
        { 'content-type': 'application/json' },
        'jane.doe@example.com',
      );
      expect(response.status).toBe(401);
      expect(response.body.toString()).not.toContain('jane');
    },
  );

  it.each(BODY_ROUTES)('takes a gzip-encoded body on POST %s', async (path, key, body) => {
    const type = path === '/_bulk' ? 'application/x-ndjson' : 'application/json';
    const response = await postBytes(
      running.url,
      path,
      { ...bearer(key), 'content-type': type, 'content-encoding': 'gzip' },
      gzipSync(body),
    );
    expect(response.status).toBeLessThan(300);
  });

  it.each([
    ['/logs', '{"level":"info","message": jane.doe@example.com}', 27],
    ['/logs/batch', '[{"level":"info"},\n{"message":"jane.doe@example.com"]', 52],
    ['/logs/panic', '{"lockdown": tru}', 13],
  ])(
    'answers invalid JSON on POST %s with the byte where it breaks, quoting nothing',
    async (path, body, at) => {
      const key = path === '/logs/panic' ? KEYS.admin : KEYS.ingest;
      const response = await postBytes(
        running.url,
        path,
        { ...bearer(key), 'content-type': 'application/json' },
        body,
      );
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body.toString()).message).toBe(
        `Body is not valid JSON (at byte ${at})`,
      );
    },
  );

  it('names a refused context key by position, never by name', async () => {
    const response = await request(running.url)
      .post('/logs')
      .set(bearer(KEYS.ingest))
      .set('content-type', 'application/json')
      .send(
        '{"level":"info","message":"x","context":{"ok":1,"jane.doe@example.com":{"__proto__":{}}}}',
      )
      .expect(400);
    expect(response.body.message).toBe('context[1][0]: forbidden key');
    expect(JSON.stringify(response.body)).not.toContain('jane');
  });

  it('answers a gzip bomb on POST /logs with 413 naming LOG_MAX_BODY', async () => {
    const response = await postBytes(
      running.url,
      '/logs',
      { ...bearer(KEYS.ingest), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)),
    );
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body.toString()).message).toBe(
      'Request body is larger than LOG_MAX_BODY (1048576 bytes) after decompression; send smaller batches',
    );
  });

  it.each([
    [
      'an unknown Content-Encoding',
      { 'content-encoding': 'compress' },
      'Unsupported Content-Encoding: send gzip, deflate, br, snappy or none',
    ],
    [
      'a charset other than UTF-8',
      { 'content-type': 'application/json; charset=latin1' },
      'JSON and NDJSON bodies must be UTF-8 (charset=utf-8)',
    ],
  ])('answers %s with 415', async (_name, headers, message) => {
    const response = await postBytes(
      running.url,
      '/logs',
      { ...bearer(KEYS.ingest), 'content-type': 'application/json', ...headers },
      '{"level":"info","message":"x"}',
    );
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body.toString()).message).toBe(message);
  });

  it('answers a body cut short by a gzip stream that does not decode with 400', async () => {
    const response = await postBytes(
      running.url,
      '/logs',
      { ...bearer(KEYS.ingest), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      Buffer.from('not gzip at all'),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body.toString()).message).toBe('Body is not valid gzip data');
  });
});
