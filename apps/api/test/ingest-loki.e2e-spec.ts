import type { LogEntry } from '@redtail/contracts';
import pino from 'pino';
import { pinoLoki } from 'pino-loki';
import { compressSync } from 'snappy';
import request from 'supertest';
import winston from 'winston';
import LokiTransport from 'winston-loki';
import { PushRequest } from '../src/ingest/loki/loki-proto';
import { metricsOf, postBytes, waitForEntries } from './support/ingest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const basic = (user: string, secret: string) => ({
  Authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`,
});

describe('Loki push door (POST /loki/api/v1/push) with real clients', () => {
  let running: RunningApp;

  let closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    closers = [];
    running = await startApp(KEY_ENV);
  });
  afterEach(async () => {
    await Promise.all(closers.map((close) => close()));
    await running.close();
  });

  it('stores pino-loki lines once, masked, with level, service, time and fields', async () => {
    const stream = pinoLoki({
      host: running.url,
      basicAuth: { username: 'redtail', password: KEYS.ingest },
      labels: { job: 'checkout' },
      batching: { interval: 0.05 },
      silenceErrors: false,
    });
    closers.push(() => new Promise((resolve) => stream.end(resolve)));
    const logger = pino({ level: 'trace' }, stream);
    logger.warn(
      { user: { email: 'jane.doe@example.com' }, meta: { requestId: 'r-1' } },
      'payment failed for jane.doe@example.com',
    );
    logger.fatal('card 4111 1111 1111 1111 refused');
    const [warn, fatal] = await waitForEntries(running.url, 2, { token: KEYS.admin });
    expect(await waitForEntries(running.url, 2, { token: KEYS.admin })).toHaveLength(2);
    expect(warn).toMatchObject({
      level: 'warn',
      service: 'checkout',
      context: { meta: { requestId: 'r-1' }, requestId: 'r-1' },
    });
    expect(warn.message).toMatch(/^payment failed for /);
    expect(Date.parse(warn.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(warn.context?.['hostname']).toEqual(expect.any(String));
    expect(warn.context?.['pid']).toBe(process.pid);
    expect(fatal).toMatchObject({ level: 'fatal', service: 'checkout' });
    expect(JSON.stringify([warn, fatal])).not.toMatch(/jane\.doe@example\.com|4111 1111 1111 1111/);
  });

  it.each([
    ['protobuf, snappy-compressed', false],
    ['JSON', true],
  ])(
    'stores winston-loki (%s) lines once, masked, with winston levels mapped',
    async (_name, json) => {
      const errors: unknown[] = [];
      const transport = new LokiTransport({
        host: running.url,
        basicAuth: `redtail:${KEYS.ingest}`,
        labels: { app: 'billing' },
        json,
        batching: true,
        interval: 0.05,
        onConnectionError: (error: unknown) => errors.push(error),
      });
      closers.push(() => transport.close());
      const logger = winston.createLogger({ level: 'silly', transports: [transport] });
      logger.warn('invoice for jane.doe@example.com', { userId: 7 });
      logger.http('GET /health');
      logger.silly('cache miss');
      await transport.flush();
      const entries = await waitForEntries(running.url, 3, { token: KEYS.admin });
      expect(errors).toEqual([]);
      expect(entries).toHaveLength(3);
      const byLevel = (level: string) => entries.find((entry) => entry.level === level) as LogEntry;
      expect(entries.map((entry) => entry.service)).toEqual(['billing', 'billing', 'billing']);
      expect(byLevel('warn').message).toBe('invoice for [EMAIL] {"userId":7,"level":"warn"}');
      expect(byLevel('warn').message).not.toContain('jane.doe@example.com');
      expect(byLevel('debug').message).toBe('GET /health {"level":"http"}');
      expect(byLevel('trace').message).toBe('cache miss {"level":"silly"}');
      if (json) expect(byLevel('warn').context).toEqual({ userId: '7', level: 'warn' });
    },
  );

  it('takes Bearer as well as Basic', async () => {
    const push = {
      streams: [
        {
          stream: { service_name: 'api', level: 'error' },
          values: [[`${Date.now()}000000`, 'boom']],
        },
      ],
    };
    await request(running.url)
      .post('/loki/api/v1/push')
      .set(bearer(KEYS.ingest))
      .send(push)
      .expect(204);
    await request(running.url)
      .post('/loki/api/v1/push')
      .set(basic('whoever', KEYS.ingest))
      .send(push)
      .expect(204);
    const entries = await waitForEntries(running.url, 2, { token: KEYS.admin });
    expect(entries.map((entry) => [entry.service, entry.level, entry.message])).toEqual([
      ['api', 'error', 'boom'],
      ['api', 'error', 'boom'],
    ]);
  });
});

describe('Loki push door: mapping and refusals', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });
  afterAll(() => running.close());

  const push = (body: Buffer | string, type: string) =>
    postBytes(
      running.url,
      '/loki/api/v1/push',
      { ...bearer(KEYS.ingest), 'content-type': type },
      body,
    );

  const protobuf = (labels: string, line: string) =>
    compressSync(
      Buffer.from(
        PushRequest.encode({
          streams: [
            {
              labels,
              entries: [{ timestamp: { seconds: 1_764_000_000, nanos: 5_000_000 }, line }],
            },
          ],
        }).finish(),
      ),
    );

  it('reads labels, structured metadata and a JSON line', async () => {
    const before = (await waitForEntriesOrNone()).length;
    const body = JSON.stringify({
      streams: [
        {
          stream: { job: 'worker', detected_level: 'warning', region: 'eu' },
          values: [
            [
              '1764000000123000000',
              '{"msg":"slow job","ms":1200,"level":"info"}',
              { trace_id: 'abc' },
            ],
          ],
        },
      ],
    });
    expect((await push(body, 'application/json')).status).toBe(204);
    const entries = await waitForEntries(running.url, before + 1, { token: KEYS.admin });
    expect(entries.at(-1)).toMatchObject({
      level: 'warn',
      service: 'worker',
      message: 'slow job',
      timestamp: '2025-11-24T16:00:00.123Z',
      context: { region: 'eu', trace_id: 'abc', ms: 1200 },
    });
  });

  it('reads a protobuf label string with escapes', async () => {
    const before = (await waitForEntriesOrNone()).length;
    const response = await push(
      protobuf('{service="pay\\"ments", level="critical"}', 'down'),
      'application/x-protobuf',
    );
    expect(response.status).toBe(204);
    const entries = await waitForEntries(running.url, before + 1, { token: KEYS.admin });
    expect(entries.at(-1)).toMatchObject({
      level: 'fatal',
      service: 'pay"ments',
      message: 'down',
      timestamp: '2025-11-24T16:00:00.005Z',
    });
  });

  it.each([
    [
      'protobuf that is not snappy',
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      400,
      'Body is not valid snappy (block format) data',
    ],
    [
      'snappy around bytes that are not a PushRequest',
      compressSync(Buffer.from([0x0a, 0xff, 0x01])),
      400,
      'Body is not a valid Loki PushRequest (protobuf)',
    ],
    [
      'a snappy block announcing 1 GiB',
      Buffer.from([0x80, 0x80, 0x80, 0x80, 0x04, 0x00]),
      413,
      'Request body is larger than LOG_MAX_BULK_BODY (16777216 bytes) after decompression; send smaller batches',
    ],
    [
      'a label string that is not a label set',
      protobuf('level=warn', 'x'),
      400,
      'streams[0].labels: must be a label set such as {job="app",level="info"}',
    ],
  ])('answers %s with a 4xx and a plain-text reason', async (_name, body, status, message) => {
    const response = await push(body, 'application/x-protobuf');
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body.toString()).toBe(`${message}\n`);
  });

  it('names the position of a broken JSON value, not its content', async () => {
    const body = JSON.stringify({
      streams: [
        {
          stream: { job: 'x' },
          values: [
            ['1', 'fine'],
            ['2', { secret: 'jane@example.com' }],
          ],
        },
      ],
    });
    const response = await push(body, 'application/json');
    expect(response.status).toBe(400);
    expect(response.body.toString()).toBe('streams[0].values[1][1]: must be a string\n');
  });

  it('keeps good lines and answers 400 naming the refused ones by position', async () => {
    const rejectedBefore = (await metricsOf(running.url, KEYS.admin))['rejected'] as number;
    const body = JSON.stringify({
      streams: [
        {
          stream: { job: 'x' },
          values: [
            ['1764000000000000000', 'kept'],
            ['1764000000000000000', '{"msg":"no","__proto__":{"polluted":true}}'],
          ],
        },
      ],
    });
    const response = await push(body, 'application/json');
    expect(response.status).toBe(400);
    expect(response.body.toString()).toMatch(
      /^1 of 2 lines rejected \(the others were stored\): line 1: /,
    );
    expect((await metricsOf(running.url, KEYS.admin))['rejected']).toBe(rejectedBefore + 1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('asks for the key before reading anything', async () => {
    const response = await postBytes(
      running.url,
      '/loki/api/v1/push',
      { 'content-type': 'application/json' },
      '{"streams": jane.doe@example.com',
    );
    expect(response.status).toBe(401);
    expect(response.body.toString()).not.toContain('jane');
  });

  async function waitForEntriesOrNone(): Promise<LogEntry[]> {
    return waitForEntries(running.url, 0, { token: KEYS.admin });
  }
});
