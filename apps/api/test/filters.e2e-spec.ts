import type { LogEntry } from '@redtail/contracts';
import request from 'supertest';
import { collectLogs, connectLogs, LogsClient, subscribe } from './support/logs-client';
import { RunningApp, startApp } from './support/start-app';

const LINES = ['keep-1 checkout ok', 'keep-22 paid by [EMAIL]', 'noise heartbeat', 'kept as is'];

const messages = (entries: LogEntry[]) => entries.map((entry) => entry.message);

describe('exclude and regex filters', () => {
  let running: RunningApp;
  let socket: LogsClient | undefined;
  const url = () => running.url;

  beforeAll(async () => {
    running = await startApp();
    await request(url()).post('/logs/panic').send({}).expect(200);
    for (const message of LINES) {
      await request(url()).post('/logs').send({ level: 'info', message, service: 'filters' });
    }
  });

  afterEach(() => {
    socket?.disconnect();
    socket = undefined;
  });

  afterAll(() => running.close());

  const list = (query: Record<string, string>) =>
    request(url())
      .get('/logs')
      .query({ service: 'filters', ...query });

  it('hides entries containing the exclude text on GET /logs, ignoring case', async () => {
    const { body } = await list({ exclude: 'NOISE' }).expect(200);
    expect(messages(body.entries).sort()).toEqual(
      ['keep-1 checkout ok', 'keep-22 paid by [EMAIL]', 'kept as is'].sort(),
    );
  });

  it('matches q and exclude as regular expressions with regex=1', async () => {
    const { body } = await list({ q: '^KEEP-\\d+', exclude: 'paid', regex: '1' }).expect(200);
    expect(messages(body.entries)).toEqual(['keep-1 checkout ok']);
  });

  it('matches the literal text when regex is off', async () => {
    const { body } = await list({ q: '^keep-\\d+' }).expect(200);
    expect(body.entries).toEqual([]);
  });

  it('answers 400 naming the field for a pattern too large to run cheaply', async () => {
    const huge = '[\\s\\S]{1,256}-[\\s\\S]{1,256}-[\\s\\S]{1,256}Z';
    const { body } = await list({ exclude: huge, regex: '1' }).expect(400);
    expect(body.errors).toEqual([
      { field: 'exclude', reason: expect.stringMatching(/^pattern is too large once compiled/) },
    ]);
  });

  it('runs a pattern that would hang a backtracking engine, without stalling the server', async () => {
    await request(url())
      .post('/logs')
      .send({ level: 'info', message: `${'a'.repeat(40)}!`, service: 'filters' });
    const { body } = await list({ q: '(a+)+$', regex: '1' }).expect(200);
    expect(body.entries).toEqual([]);
  });

  it('answers 400 naming the field for an invalid pattern', async () => {
    const { body } = await list({ q: 'keep-(', regex: 'true' }).expect(400);
    expect(body.message).toMatch(/^q: pattern is not a valid regular expression/);
  });

  it('answers 400 for a regex flag that is not a boolean', async () => {
    const { body } = await list({ q: 'x', regex: 'yes' }).expect(400);
    expect(body.errors).toEqual([{ field: 'regex', reason: expect.any(String) }]);
  });

  it('filters the socket backfill and live entries with exclude and regex', async () => {
    socket = await connectLogs(url());
    const ack = await subscribe(socket, {
      services: ['filters'],
      q: '^ke',
      exclude: 'p-\\d{2}',
      regex: true,
    });
    expect(ack.ok && messages(ack.entries)).toEqual(['keep-1 checkout ok', 'kept as is']);
    const live = collectLogs(socket, 1);
    for (const message of ['keep-333 live', 'keep-4 live']) {
      await request(url()).post('/logs').send({ level: 'info', message, service: 'filters' });
    }
    expect(messages(await live)).toEqual(['keep-4 live']);
  });

  it('refuses a pattern RE2 cannot run in the subscribe acknowledgement, naming the field', async () => {
    socket = await connectLogs(url());
    const ack = await subscribe(socket, { q: '(\\w+)\\1', regex: true });
    expect(ack).toEqual({ ok: false, error: expect.stringMatching(/^q: pattern is not a valid/) });
  });
});

describe('one filter contract on both transports', () => {
  let running: RunningApp;
  let socket: LogsClient | undefined;
  const url = () => running.url;
  const start = Date.parse('2026-12-02T10:00:00Z');
  const ENTRIES = [
    { level: 'info', message: 'GET /orders 200', service: 'web', context: { status: 200 } },
    { level: 'error', message: 'GET /orders 500', service: 'web', context: { status: 500 } },
    { level: 'warn', message: 'slow query', service: 'db', context: { user: { id: 'u1' } } },
    { level: 'fatal', message: 'out of memory', service: 'worker', traceId: 'abc123' },
  ].map((entry, index) => ({ ...entry, timestamp: start + index * 60_000 }));

  beforeAll(async () => {
    running = await startApp();
    await request(url()).post('/logs/batch').send(ENTRIES).expect(201);
  });

  afterEach(() => {
    socket?.disconnect();
    socket = undefined;
  });

  afterAll(() => running.close());

  it.each<[string, Record<string, string | string[]>, object, string[]]>([
    [
      'levels as a list',
      { levels: 'error,fatal' },
      { levels: ['error', 'fatal'] },
      ['GET /orders 500', 'out of memory'],
    ],
    [
      'several services',
      { services: 'db,worker' },
      { services: ['db', 'worker'] },
      ['slow query', 'out of memory'],
    ],
    ['a context field', { where: 'status=500' }, { where: ['status=500'] }, ['GET /orders 500']],
    [
      'a nested field and a trace id',
      { where: ['user.id=u1'] },
      { where: ['user.id=u1'] },
      ['slow query'],
    ],
    ['the trace id', { where: 'traceId=abc123' }, { where: ['traceId=abc123'] }, ['out of memory']],
    [
      'a time window',
      { since: new Date(start + 60_000).toISOString(), until: String(start + 120_000) },
      { since: start + 60_000, until: start + 120_000 },
      ['GET /orders 500', 'slow query'],
    ],
  ])(
    'reads %s the same on GET /logs and on subscribe',
    async (_name, query, subscription, expected) => {
      const { body } = await request(url()).get('/logs').query(query).expect(200);
      expect(messages(body.entries).reverse()).toEqual(expected);
      socket = await connectLogs(url());
      const ack = await subscribe(socket, subscription);
      expect(ack.ok && messages(ack.entries)).toEqual(expected);
    },
  );

  it('names each bad parameter once, without repeating what was sent', async () => {
    const { body } = await request(url())
      .get('/logs')
      .query({ levels: 'error,jane.doe@example.com', where: 'no-equals-sign' })
      .expect(400);
    expect(body.errors).toEqual([
      { field: 'levels[1]', reason: expect.any(String) },
      { field: 'where[0]', reason: expect.any(String) },
    ]);
    expect(JSON.stringify(body)).not.toContain('jane.doe');
  });

  it('counts entries per level in time buckets on GET /logs/histogram, with the same filters', async () => {
    const { body } = await request(url())
      .get('/logs/histogram')
      .query({
        since: String(start),
        until: String(start + 240_000),
        buckets: '4',
        services: 'web',
      })
      .expect(200);
    expect(body).toMatchObject({
      from: start,
      to: start + 240_000,
      bucketMs: 60_000,
      complete: true,
    });
    expect(body.buckets.map((bucket: { counts: Record<string, number> }) => bucket.counts)).toEqual(
      [
        expect.objectContaining({ info: 1, error: 0 }),
        expect.objectContaining({ info: 0, error: 1 }),
        expect.objectContaining({ info: 0, error: 0, warn: 0 }),
        expect.objectContaining({ fatal: 0 }),
      ],
    );
    await request(url()).get('/logs/histogram').query({ buckets: '501' }).expect(400);
  });
});
