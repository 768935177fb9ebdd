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

  it('answers 400 naming the field for a pattern that could stall the server', async () => {
    const { body } = await list({ exclude: '(a+)+$', regex: '1' }).expect(400);
    expect(body.errors).toEqual([{ field: 'exclude', reason: expect.stringMatching(/^pattern /) }]);
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

  it('refuses an unsafe pattern in the subscribe acknowledgement, naming the field', async () => {
    socket = await connectLogs(url());
    const ack = await subscribe(socket, { q: '(\\w+\\s?)+$', regex: true });
    expect(ack).toEqual({ ok: false, error: expect.stringMatching(/^q: pattern /) });
  });
});
