import { fromLiveBlock, type LogEntry } from '@redtail/contracts';
import request from 'supertest';
import { collectLogs, connectLogs, LogsClient, nextEvent, subscribe } from './support/logs-client';
import { RunningApp, startApp } from './support/start-app';
import { KEY_ENV, KEYS } from './support/test-keys';

describe('live stream on /logs', () => {
  let running: RunningApp;
  const sockets: LogsClient[] = [];
  const connect = async (token?: string) => {
    const socket = await connectLogs(running.url, { token });
    sockets.push(socket);
    return socket;
  };
  const post = (body: object) => request(running.url).post('/logs').send(body).expect(201);
  const postBatch = (body: object[]) =>
    request(running.url).post('/logs/batch').send(body).expect(201);

  beforeAll(async () => {
    running = await startApp();
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await request(running.url).post('/logs/panic').send({}).expect(200);
  });

  afterAll(() => running.close());

  it('delivers a posted entry to a subscriber, masked', async () => {
    const socket = await connect();
    const ack = await subscribe(socket);
    expect(ack).toMatchObject({ ok: true, entries: [], missed: 0, lockdown: false });
    const arriving = collectLogs(socket, 1);
    const { body } = await post({
      level: 'error',
      message: 'card 4111 1111 1111 1111 declined for bob@example.com',
    });
    const [entry] = await arriving;
    expect(entry).toMatchObject({ id: body.id, level: 'error' });
    expect(entry.message).not.toMatch(/4111 1111 1111 1111|bob@example\.com/);
  });

  it('sends compact rows that decode to exactly the entries the HTTP API returns', async () => {
    const socket = await connect();
    await subscribe(socket);
    const block = nextEvent(socket, 'logs');
    await postBatch([
      { level: 'warn', message: 'plain', service: 'api' },
      {
        level: 'fatal',
        message: 'mail to bob@example.com bounced',
        timestamp: '2026-12-01T10:00:00.000Z',
        context: { user: { id: 'u-1' }, status: 502 },
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
      },
    ]);
    const live = await block;
    expect(live.rows[0]).toHaveLength(6);
    const { body } = await request(running.url).get('/logs').expect(200);
    expect(fromLiveBlock(live)).toEqual([...body.entries].reverse());
  });

  it('leaves the context out of live rows for a subscriber that asks, and only for it', async () => {
    const whole = await connect();
    const bare = await connect();
    const bareErrors = await connect();
    await subscribe(whole);
    await subscribe(bare, { withContext: false });
    await subscribe(bareErrors, { level: 'error', withContext: false });
    const wholeBlock = nextEvent(whole, 'logs');
    const bareBlock = nextEvent(bare, 'logs');
    const bareErrorsGot = collectLogs(bareErrors, 1);
    await postBatch([
      {
        level: 'error',
        message: 'failed',
        context: { orderId: 'o-7', status: 502 },
        traceId: 't1',
      },
      { level: 'info', message: 'no context here' },
    ]);
    const [wholeLive, bareLive] = await Promise.all([wholeBlock, bareBlock]);
    expect(JSON.stringify(bareLive)).not.toContain('o-7');
    const { context: _context, ...withoutContext } = fromLiveBlock(wholeLive)[0];
    expect(fromLiveBlock(bareLive)).toEqual([
      { ...withoutContext, contextWithheld: true },
      fromLiveBlock(wholeLive)[1],
    ]);
    expect(fromLiveBlock(wholeLive)[0].context).toEqual({ orderId: 'o-7', status: 502 });
    const [error] = await bareErrorsGot;
    expect(error).toMatchObject({ message: 'failed', contextWithheld: true, traceId: 't1' });
    expect(error).not.toHaveProperty('context');
    // The whole entry is one request away.
    const { body } = await request(running.url).get(`/logs/${error.id}`).expect(200);
    expect(body.context).toEqual({ orderId: 'o-7', status: 502 });
  });

  it('keeps the backfill whole for a subscriber without context, and checks the option', async () => {
    await postBatch([{ level: 'info', message: 'earlier', context: { k: 'v' } }]);
    const socket = await connect();
    const ack = await subscribe(socket, { withContext: false });
    expect(ack.ok && ack.entries.map((e) => e.context)).toEqual([{ k: 'v' }]);
    expect(await subscribe(socket, { withContext: 'no' as never })).toEqual({
      ok: false,
      error: 'withContext: must be a boolean',
    });
  });

  it('runs each subscriber’s filter on the server', async () => {
    const errors = await connect();
    const billing = await connect();
    await subscribe(errors, { level: 'error' });
    await subscribe(billing, { services: ['billing'], q: 'INVOICE' });
    const errorsGot = collectLogs(errors, 1);
    const billingGot = collectLogs(billing, 1);
    await postBatch([
      { level: 'info', message: 'invoice sent', service: 'billing' },
      { level: 'error', message: 'db down', service: 'core' },
      { level: 'info', message: 'unrelated', service: 'billing' },
    ]);
    expect((await errorsGot).map((e) => e.message)).toEqual(['db down']);
    expect((await billingGot).map((e) => e.message)).toEqual(['invoice sent']);
  });

  it('batches a burst into emits of at most 500 entries', async () => {
    const socket = await connect();
    await subscribe(socket);
    const sizes: number[] = [];
    socket.on('logs', (block) => sizes.push(block.rows.length));
    const arriving = collectLogs(socket, 1200);
    await postBatch(Array.from({ length: 1200 }, (_, i) => ({ level: 'info', message: `m${i}` })));
    const entries = await arriving;
    expect(sizes).toEqual([500, 500, 200]);
    expect(entries.map((e) => e.message)).toEqual(Array.from({ length: 1200 }, (_, i) => `m${i}`));
  });

  it('returns recent matching entries in the subscribe acknowledgement', async () => {
    await postBatch(
      Array.from({ length: 5 }, (_, i) => ({ level: i < 3 ? 'info' : 'warn', message: `b${i}` })),
    );
    const socket = await connect();
    const ack = await subscribe(socket, { level: 'warn', backfill: 1 });
    expect(ack.ok && ack.entries.map((e) => e.message)).toEqual(['b4']);
  });

  it('replays exactly the missed entries when a client resubscribes with afterSeq', async () => {
    const first = await connect();
    await subscribe(first);
    const seen = collectLogs(first, 3);
    await postBatch([1, 2, 3].map((i) => ({ level: 'info', message: `before ${i}` })));
    const lastSeen = (await seen).at(-1) as LogEntry;
    first.disconnect();

    await postBatch([1, 2].map((i) => ({ level: 'info', message: `while away ${i}` })));

    const again = await connect();
    const live: LogEntry[] = [];
    again.on('logs', (block) => live.push(...fromLiveBlock(block)));
    const ack = await subscribe(again, { afterSeq: lastSeen.seq });
    expect(ack.ok && ack.entries.map((e) => e.message)).toEqual(['while away 1', 'while away 2']);
    expect(ack).toMatchObject({ missed: 0 });
    const next = collectLogs(again, 1);
    await post({ level: 'info', message: 'after' });
    await next;
    expect(live.map((e) => e.message)).toEqual(['after']);
  });

  it('tells a subscription without backfill the newest seq, so it can resume from there (a watch)', async () => {
    await postBatch([1, 2, 3].map((i) => ({ level: 'error', message: `old ${i}` })));
    const watcher = await connect();
    const ack = await subscribe(watcher, { level: 'error', backfill: 0, withContext: false });
    if (!ack.ok) throw new Error(ack.error);
    expect(ack.entries).toEqual([]);
    const newest = (await request(running.url).get('/logs?limit=1').expect(200)).body.entries[0];
    expect(ack.newestSeq).toBe(newest.seq);
    watcher.disconnect();

    await postBatch([
      { level: 'error', message: 'while away' },
      { level: 'info', message: 'not watched' },
    ]);
    const again = await connect();
    const resumed = await subscribe(again, {
      level: 'error',
      afterSeq: ack.newestSeq,
      withContext: false,
    });
    expect(resumed.ok && resumed.entries.map((e) => e.message)).toEqual(['while away']);
  });

  it('tags the epoch, so a client can tell a restarted server (epoch 1 again) from the one it knew', async () => {
    const socket = await connect();
    const ack = await subscribe(socket, { backfill: 0 });
    if (!ack.ok) throw new Error(ack.error);
    expect(ack.epochTag).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const restarted = await startApp();
    try {
      const other = await connectLogs(restarted.url, {});
      try {
        const otherAck = await subscribe(other, { backfill: 0 });
        if (!otherAck.ok) throw new Error(otherAck.error);
        expect(otherAck.epoch).toBe(1);
        expect(otherAck.epochTag).not.toBe(ack.epochTag);
      } finally {
        other.disconnect();
      }
    } finally {
      await restarted.close();
    }
    // A link that recorded the tag opens its line here, and only here.
    const { body: posted } = await post({ level: 'info', message: 'linked' });
    await request(running.url)
      .get(`/logs/${posted.id}`)
      .query({ epochTag: ack.epochTag })
      .expect(200);
    await request(running.url)
      .get(`/logs/${posted.id}`)
      .query({ epochTag: 'other-servers-tag' })
      .expect(404);
    const { body: refused } = await request(running.url)
      .get(`/logs/${posted.id}`)
      .query({ epochTag: '<script>' })
      .expect(400);
    expect(JSON.stringify(refused)).not.toContain('<script>');
    // A panic moves to another epoch under another tag, which its event and answer carry.
    const heard = nextEvent(socket, 'panic');
    const { body: panic } = await request(running.url).post('/logs/panic').send({}).expect(200);
    expect((await heard).epochTag).toBe(panic.epochTag);
    const after = await subscribe(socket, { backfill: 0 });
    expect(after.ok && after.epochTag).not.toBe(ack.epochTag);
    expect(after.ok && after.epochTag).toBe(panic.epochTag);
  });

  it('sends a metrics snapshot every second', async () => {
    const socket = await connect();
    await subscribe(socket);
    await post({ level: 'info', message: 'count me' });
    const snapshot = await nextEvent(socket, 'metrics');
    expect(snapshot).toMatchObject({ totalReceived: 1, viewers: 1 });
  });

  it('answers an invalid subscription with an error, not a crash', async () => {
    const socket = await connect();
    expect(await subscribe(socket, { level: 'loud' as never })).toEqual({
      ok: false,
      error: 'level: must be one of trace, debug, info, warn, error, fatal',
    });
    expect(await subscribe(socket, { afterSeq: -3 })).toMatchObject({ ok: false });
  });
});

describe('live stream roles', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });

  afterAll(() => running.close());

  it('refuses panic and resume from a viewer and accepts them from an admin', async () => {
    const viewer = await connectLogs(running.url, { token: KEYS.viewer });
    const admin = await connectLogs(running.url, { token: KEYS.admin });
    try {
      expect(await subscribe(viewer)).toMatchObject({ ok: true });
      const refused = await new Promise((resolve) => viewer.emit('panic', {}, resolve));
      expect(refused).toEqual({ ok: false, error: 'forbidden: admin role required' });
      expect(await new Promise((resolve) => viewer.emit('resume', resolve))).toMatchObject({
        ok: false,
      });
      const panicSeen = nextEvent(viewer, 'panic');
      const accepted = await new Promise((resolve) =>
        admin.emit('panic', { lockdown: true }, resolve),
      );
      expect(accepted).toMatchObject({ ok: true, epoch: 2, lockdown: true });
      expect(await panicSeen).toMatchObject({ epoch: 2, lockdown: true });
      const resumedSeen = nextEvent(viewer, 'resumed');
      expect(await new Promise((resolve) => admin.emit('resume', resolve))).toEqual({ ok: true });
      await resumedSeen;
    } finally {
      viewer.disconnect();
      admin.disconnect();
    }
  });
});
