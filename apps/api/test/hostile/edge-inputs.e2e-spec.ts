import request from 'supertest';
import { connectLogs, type LogsClient } from '../support/logs-client';
import { RunningApp, startApp } from '../support/start-app';
import { bearer, KEYS } from '../support/test-keys';
import { HOSTILE_ENV } from './support/hostile-app';
import { type RawResponse, rawRequest } from './support/raw-http';
import { sendRawPacket } from './support/raw-socket';

/**
 * Inputs at the edges of what the parsers hold (dates past the JS range, nesting past the stack,
 * repeated and bracketed parameters, empty ranges, paths no route has): each is a 4xx naming
 * what is wrong, never a 500, and never the sender's text coming back.
 */
const MARK = 'zqedgemarker';
const DEEP_ARRAY = '['.repeat(10_000) + ']'.repeat(10_000);
const DEEP_OBJECT = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);

describe('hostile inputs at the edges', () => {
  let running: RunningApp;
  let socket: LogsClient;

  beforeAll(async () => {
    running = await startApp(HOSTILE_ENV);
    socket = await connectLogs(running.url, { token: KEYS.admin });
  });
  afterAll(async () => {
    socket.close();
    await running.close();
  });

  const get = (path: string): Promise<RawResponse> =>
    rawRequest(running.url, { method: 'GET', path, headers: bearer(KEYS.viewer) });
  const postJson = (path: string, body: string, key: string): Promise<RawResponse> =>
    rawRequest(running.url, {
      method: 'POST',
      path,
      headers: { ...bearer(key), 'Content-Type': 'application/json' },
      body,
    });
  const fields = (response: RawResponse): string[] =>
    (JSON.parse(response.text) as { errors?: { field: string }[] }).errors?.map((e) => e.field) ??
    [];

  describe('dates beyond the JS Date range', () => {
    it.each([
      ['an ISO date one millisecond past the range', '"+275760-09-13T00:00:00.001Z"'],
      ['epoch milliseconds of 1e20', '1e20'],
    ])('refuses %s as an entry timestamp with a 400 naming it', async (_name, value) => {
      const body = `{"level":"info","message":"m","timestamp":${value}}`;
      const response = await postJson('/logs', body, KEYS.ingest);
      expect(response.status).toBe(400);
      expect(fields(response)).toEqual(['timestamp']);
    });

    it('refuses such a date as since, on GET /logs and on subscribe', async () => {
      const response = await get('/logs?since=%2B275760-09-13T00:00:00.001Z');
      expect(response.status).toBe(400);
      expect(fields(response)).toEqual(['since']);
      const ack = await socket.timeout(2_000).emitWithAck('subscribe', { since: 1e20 });
      expect(ack).toEqual({ ok: false, error: expect.stringMatching(/^since: /) });
    });
  });

  describe('nesting deeper than any parser stack', () => {
    it.each([
      ['/logs', KEYS.ingest],
      ['/logs/panic', KEYS.admin],
    ])('answers 10 000 nested brackets on POST %s with a 400', async (path, key) => {
      for (const body of [DEEP_ARRAY, DEEP_OBJECT]) {
        expect((await postJson(path, body, key)).status).toBe(400);
      }
    });

    it('refuses a batch nested 10 000 deep: the body with a 400, an item by its index', async () => {
      expect((await postJson('/logs/batch', DEEP_OBJECT, KEYS.ingest)).status).toBe(400);
      const items = await postJson('/logs/batch', DEEP_ARRAY, KEYS.ingest);
      expect(items.status).toBe(201);
      expect(JSON.parse(items.text)).toMatchObject({ accepted: 0, errors: [{ index: 0 }] });
    });

    it('lets a resume, which takes no options, ignore a body nested 10 000 deep', async () => {
      for (const body of [DEEP_ARRAY, DEEP_OBJECT]) {
        expect((await postJson('/logs/resume', body, KEYS.admin)).status).toBe(200);
      }
    });

    it('answers a socket payload nested 10 000 deep with an acknowledgement error', async () => {
      const answers = await sendRawPacket(
        running.url,
        `2/logs,7["subscribe",${DEEP_ARRAY}]`,
        KEYS.admin,
      );
      expect(answers.join('\n')).toContain('3/logs,7[{"ok":false,"error":"filter: ');
      await request(running.url).get('/health').expect(200);
    });
  });

  describe('socket events with no acknowledgement or a wrong one', () => {
    it('survives events without an ack function or with extra arguments in its place', async () => {
      const faults: unknown[] = [];
      const onFault = (error: unknown) => faults.push(error);
      process.on('uncaughtExceptionMonitor', onFault);
      process.on('unhandledRejection', onFault);
      try {
        for (const packet of [
          '2/logs,["subscribe",{"q":"(","regex":true}]',
          '2/logs,["panic",{"lockdown":"yes"}]',
          '2/logs,7["subscribe",{},"not a function",42]',
          '2/logs,7["unsubscribe"]',
          '2/logs,7["resume",null]',
        ]) {
          await sendRawPacket(running.url, packet, KEYS.admin);
        }
      } finally {
        process.off('uncaughtExceptionMonitor', onFault);
        process.off('unhandledRejection', onFault);
      }
      expect(faults).toEqual([]);
      await request(running.url).get('/health').expect(200);
    });
  });

  describe('repeated and bracketed query parameters', () => {
    it.each([
      ['level=info&level=error', 'level', 'given twice'],
      ['q=a&q=b', 'q', 'given twice'],
      ['exclude=a&exclude=b', 'exclude', 'given twice'],
      ['regex=1&regex=0&q=a', 'regex', 'given twice'],
      ['since=1&since=2', 'since', 'given twice'],
      ['until=1&until=2', 'until', 'given twice'],
      ['q[]=x', 'q', 'in brackets'],
      ['q[$ne]=1', 'q', 'in brackets'],
      ['level[0]=warn', 'level', 'in brackets'],
    ])('refuses %s with a 400 naming %s, %s', async (query, field) => {
      const response = await get(`/logs?${query}`);
      expect(response.status).toBe(400);
      expect(fields(response)).toEqual([field]);
    });

    it('refuses an unknown parameter without repeating its name', async () => {
      for (const path of [`/logs?${MARK}=1`, `/logs/histogram?${MARK}[$gt]=1`]) {
        const response = await get(path);
        expect(response.status).toBe(400);
        expect(response.text).not.toContain(MARK);
        expect(fields(response)).toEqual(['query']);
      }
    });

    it('refuses an unknown option in a panic body without repeating its name', async () => {
      const response = await postJson('/logs/panic', `{"${MARK}":true}`, KEYS.admin);
      expect(response.status).toBe(400);
      expect(response.text).not.toContain(MARK);
      expect(fields(response)).toEqual(['body']);
    });
  });

  describe('histogram ranges and bucket counts', () => {
    it.each([
      ['a zero-width range', 'since=1000&until=1000', 'until'],
      ['a reversed range', 'since=2000&until=1000', 'until'],
      ['a start in the future with no end', `since=${Date.now() + 86_400_000}`, 'since'],
      ['zero buckets', 'buckets=0', 'buckets'],
      ['NaN buckets', 'buckets=NaN', 'buckets'],
      ['a billion buckets', 'buckets=1000000000', 'buckets'],
      ['buckets given twice', 'buckets=1&buckets=2', 'buckets'],
      ['a pattern RE2 cannot compile', 'q=(&regex=1', 'q'],
      ['a look-ahead', 'exclude=(%3F%3Da)&regex=1', 'exclude'],
    ])('refuses %s with a 400 naming the parameter', async (_name, query, field) => {
      const response = await get(`/logs/histogram?${query}`);
      expect(response.status).toBe(400);
      expect(fields(response)).toEqual([field]);
    });

    it('acknowledges a pattern RE2 cannot compile on subscribe with an error naming it', async () => {
      const ack = await socket
        .timeout(2_000)
        .emitWithAck('subscribe', { exclude: '[', regex: true, backfill: 10 });
      expect(ack).toEqual({ ok: false, error: expect.stringMatching(/^exclude: pattern/) });
    });
  });

  describe('paths no route answers', () => {
    it.each([
      ['GET', `/${MARK}`],
      ['GET', `/logs/a/b/${MARK}`],
      ['DELETE', `/logs?x=${MARK}`],
      ['GET', `/api/${MARK}%2F..%2F`],
    ])('answers %s %s with a 404 that does not repeat the path', async (method, path) => {
      const response = await rawRequest(running.url, {
        method,
        path,
        headers: bearer(KEYS.viewer),
      });
      expect(response.status).toBe(404);
      expect(response.text).not.toContain(MARK);
    });

    it.each([
      `/logs/..%2F..%2F${MARK}`,
      `/logs/%2e%2e%2f${MARK}`,
      `/logs/1-1%00${MARK}`,
      `/logs/${MARK}%E0%A4%A`,
      `/logs/%E0%A4%A${MARK}/context`,
    ])('answers the id %s with a 400 or 404 that does not repeat it', async (path) => {
      const response = await get(path);
      expect([400, 404]).toContain(response.status);
      expect(response.text).not.toContain(MARK);
      expect(response.text).not.toContain('%E0');
    });
  });
});
