import type { LogEntry } from '@redtail/contracts';
import request from 'supertest';
import { metricsOf, storedEntries, waitForEntries } from './support/ingest';
import { RunningApp, startApp } from './support/start-app';
import { StreamClient } from './support/stream-client';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const line = (message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ level: 'info', message, ...extra });

function messagesOf(entries: LogEntry[]): string[] {
  return entries.map((entry) => entry.message);
}

describe('POST /logs/stream', () => {
  let running: RunningApp;
  const open: StreamClient[] = [];
  const stream = (headers: Record<string, string> = {}, options: { readLater?: boolean } = {}) => {
    const client = StreamClient.open(running.url, headers, options);
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    // LOG_MAX_BODY is the longest line a stream takes.
    running = await startApp({ LOG_MAX_BODY: '2048' });
  });

  afterEach(async () => {
    for (const client of open.splice(0)) client.cut();
    await request(running.url).post('/logs/resume').send({});
    await request(running.url).post('/logs/panic').send({}).expect(200);
  });

  afterAll(() => running.close());

  it('stores lines as they arrive and acknowledges them in order, before the body ends', async () => {
    const client = stream();
    await client.answered;
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    client.send(line('one'));
    await client.waitForAck(1);
    client.send(line('two', { context: { user: 'jane.doe@example.com' } }), line('three'));
    await client.waitForAck(3);
    const acks = client.records.flatMap((record) => ('ack' in record ? [record.ack] : []));
    expect(acks).toEqual([...acks].sort((a, b) => a - b));
    expect(acks.at(-1)).toBe(3);
    const entries = await storedEntries(running.url);
    expect(messagesOf(entries)).toEqual(['one', 'two', 'three']);
    expect(JSON.stringify(entries)).not.toContain('jane.doe@example.com');
    expect(await metricsOf(running.url)).toMatchObject({
      totalReceived: 3,
      perDoor: { stream: 3 },
    });
    client.end();
    await client.ended;
    expect(client.records.at(-1)).toEqual({ ack: 3 });
  });

  it('rejects a bad line by its number without echoing it, and keeps the good ones', async () => {
    const client = stream();
    client.send(
      line('first'),
      '{"level":"loud","message":"secret-token-123"}',
      'not json secret-token-456',
      '',
      line('fifth'),
    );
    client.end();
    await client.ended;
    expect(client.records).toEqual([
      { rejected: { line: 2, field: 'level', reason: expect.any(String) } },
      { rejected: { line: 3, reason: 'malformed JSON' } },
      { ack: 5 },
    ]);
    expect(client.text).not.toContain('secret-token');
    expect(client.text).not.toContain('loud');
    expect(messagesOf(await storedEntries(running.url))).toEqual(['first', 'fifth']);
    expect(await metricsOf(running.url)).toMatchObject({ rejected: 2, perDoor: { stream: 2 } });
  });

  it('refuses a line over LOG_MAX_BODY, even one sent in pieces, and reads on after it', async () => {
    const client = stream();
    const long = line('x'.repeat(3000));
    client.send(line('before'));
    client.outgoing.write(long.slice(0, 1000));
    client.outgoing.write(long.slice(1000, 2500));
    client.outgoing.write(`${long.slice(2500)}\n`);
    client.send(line('after'));
    client.end();
    await client.ended;
    expect(client.records.filter((record) => 'rejected' in record)).toEqual([
      { rejected: { line: 2, reason: 'line is larger than LOG_MAX_BODY (2048 bytes)' } },
    ]);
    expect(client.records.at(-1)).toEqual({ ack: 3 });
    expect(client.text).not.toContain('xxx');
    expect(messagesOf(await storedEntries(running.url))).toEqual(['before', 'after']);
  });

  it('refuses a body that is not NDJSON with 415 and headers that do not parse with 400', async () => {
    const json = stream({ 'content-type': 'application/json' });
    json.end();
    await json.ended;
    expect(json.status).toBe(415);
    const badStart = stream({ 'X-Redtail-Stream-Start': '0' });
    badStart.end();
    await badStart.ended;
    expect(badStart.status).toBe(400);
    expect(badStart.text).toContain('X-Redtail-Stream-Start: must be a whole number of at least 1');
  });

  it('ends the stream with a locked record when a panic locks ingestion down, and refuses new ones', async () => {
    const client = stream();
    client.send(line('kept until the panic'));
    await client.waitForAck(1);
    await request(running.url).post('/logs/panic').send({ lockdown: true }).expect(200);
    await client.ended;
    expect(client.records.at(-1)).toEqual({
      error: 'locked',
      message: expect.stringContaining('locked down'),
      retryAfter: 30,
    });
    const refused = stream();
    await refused.ended;
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
  });

  it('ends every open stream when a panic wipes the store', async () => {
    const clients = [stream(), stream()];
    clients.forEach((client, index) => client.send(line(`stream ${index}`)));
    await Promise.all(clients.map((client) => client.waitForAck(1)));
    await request(running.url).post('/logs/panic').send({}).expect(200);
    await Promise.all(clients.map((client) => client.ended));
    for (const client of clients) {
      expect(client.records.at(-1)).toMatchObject({ error: 'panic', retryAfter: 1 });
    }
    expect(await storedEntries(running.url)).toEqual([]);
  });

  it('stops reading a client that stops reading its acknowledgements, then finishes once it reads again', async () => {
    const client = stream({}, { readLater: true });
    await client.answered;
    // Every bad line costs the server a rejection record: a client that never reads them
    // fills the socket, and the server must stop reading rather than buffer without end.
    const lines = 200_000;
    for (let sent = 0; sent < lines; sent += 10_000) client.outgoing.write('x\n'.repeat(10_000));
    const rejected = async () => (await metricsOf(running.url))['rejected'] as number;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const stalledAt = await rejected();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Socket buffers on loopback still take a little more as the kernel compacts them.
    expect(await rejected()).toBeLessThan(lines / 2);
    expect(stalledAt).toBeGreaterThan(0);
    client.response?.resume();
    client.end();
    await client.ended;
    expect(client.records.at(-1)).toEqual({ ack: lines });
    expect(client.records.filter((record) => 'rejected' in record)).toHaveLength(lines);
  }, 60_000);

  it('resumes a stream after a cut without losing or duplicating a line', async () => {
    const id = { 'X-Redtail-Stream-Id': 'host-1.app' };
    const numbered = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, index) => line(`line ${from + index}`));
    const first = stream(id);
    first.send(...numbered(1, 5));
    await first.waitForAck(5);
    // Lines 6-8 reach the server, but the connection drops before their ack is read.
    first.send(...numbered(6, 8));
    await waitForEntries(running.url, 8);
    first.cut();

    const second = stream({ ...id, 'X-Redtail-Stream-Start': '6' });
    second.send(...numbered(6, 10));
    second.end();
    await second.ended;
    expect(second.records[0]).toEqual({ ack: 8 });
    expect(second.records.at(-1)).toEqual({ ack: 10 });
    expect(messagesOf(await storedEntries(running.url))).toEqual(
      Array.from({ length: 10 }, (_, index) => `line ${index + 1}`),
    );
  });
});

describe('POST /logs/stream with keys', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });

  afterAll(() => running.close());

  it('answers 401 to a stream without a key before reading a byte of its body', async () => {
    const client = StreamClient.open(running.url);
    // The body is never sent: the answer cannot depend on it.
    await client.ended;
    expect(client.status).toBe(401);
    expect(client.headers['www-authenticate']).toBe('Bearer realm="redtail"');
    client.cut();
    const audit = await request(running.url).get('/audit').set(bearer(KEYS.admin)).expect(200);
    expect(audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'auth-failed', detail: 'POST /logs/stream' }),
      ]),
    );
  });

  it('files every line of a bound ingest key under its service', async () => {
    const client = StreamClient.open(running.url, bearer(KEYS.boundIngest));
    client.send(line('bound', { service: 'billing' }));
    client.end();
    await client.ended;
    expect(client.records).toEqual([{ ack: 1 }]);
    const entries = await storedEntries(running.url, KEYS.viewer);
    expect(entries.map((entry) => entry.service)).toEqual(['checkout']);
  });
});

describe('POST /logs/stream when the server stops', () => {
  it('finishes the lines it read, then ends the stream with a shutdown record', async () => {
    const running = await startApp();
    const client = StreamClient.open(running.url);
    client.send(line('before the stop'));
    await client.waitForAck(1);
    const closed = running.close();
    await client.ended;
    await closed;
    expect(client.records).toEqual([
      { ack: 1 },
      { error: 'shutdown', message: expect.any(String), retryAfter: 1 },
    ]);
  });
});

describe('POST /logs/stream limits per connection', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ LOG_STREAM_MAX_LINES: '3', LOG_STREAM_IDLE_MS: '1000' });
  });

  afterAll(() => running.close());

  it('asks for a new connection after LOG_STREAM_MAX_LINES, acknowledging only what it took', async () => {
    const client = StreamClient.open(running.url);
    client.send(...['a', 'b', 'c', 'd', 'e'].map((message) => line(message)));
    await client.ended;
    expect(client.records).toEqual([
      { ack: 3 },
      {
        error: 'limit',
        message: expect.stringContaining('LOG_STREAM_MAX_LINES (3)'),
        retryAfter: 0,
      },
    ]);
    client.cut();
    expect(messagesOf(await storedEntries(running.url))).toEqual(['a', 'b', 'c']);
  });

  it('ends a stream that sends nothing for LOG_STREAM_IDLE_MS', async () => {
    const client = StreamClient.open(running.url);
    client.send(line('then silence'));
    await client.ended;
    expect(client.records).toEqual([
      { ack: 1 },
      { error: 'idle', message: expect.stringContaining('LOG_STREAM_IDLE_MS'), retryAfter: 0 },
    ]);
    client.cut();
  });
});
