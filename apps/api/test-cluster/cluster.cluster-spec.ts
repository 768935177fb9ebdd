import type { PanicEvent } from '@redtail/contracts';
import Redis from 'ioredis';
import request from 'supertest';
import { decodeMember } from '../src/cluster/block-wire';
import { unwrapDataKey } from '../src/cluster/cluster-crypto';
import { KEYS } from '../src/cluster/cluster-scripts';
import { BlockCipher, SealBrokenError } from '../src/logs/block-cipher';
import { collectLogs, nextEvent, subscribe } from '../test/support/logs-client';
import { eventually, KEK, NodeSockets, RunningCluster, startCluster } from './support/cluster';

describe('three nodes sharing one Redis', () => {
  let cluster: RunningCluster;
  let redis: Redis;
  const sockets = new NodeSockets(() => cluster);
  const node = (index: number) => sockets.url(index);
  const connect = (index: number) => sockets.connect(index);

  beforeAll(async () => {
    cluster = await startCluster(3);
    redis = new Redis(cluster.redis.url);
  });

  afterEach(() => sockets.closeAll());

  afterAll(async () => {
    redis.disconnect();
    await cluster.stop();
  });

  it('streams an entry posted to node A to a dashboard on node B, masked, and lists it on node C', async () => {
    const viewer = await connect(1);
    expect(await subscribe(viewer)).toMatchObject({ ok: true });
    const arriving = collectLogs(viewer, 1);
    const { body } = await request(node(0))
      .post('/logs')
      .send({ level: 'error', message: 'refund failed for bob@example.com', service: 'billing' })
      .expect(201);

    const [live] = await arriving;
    expect(live).toMatchObject({ id: body.id, seq: body.seq, level: 'error', service: 'billing' });
    expect(live.message).not.toContain('bob@example.com');
    expect(live.masked).toEqual(body.masked);

    const page = await request(node(2)).get('/logs').expect(200);
    expect(page.body.entries.map((entry: { id: string }) => entry.id)).toContain(body.id);
    await request(node(2)).get(`/logs/${body.id}`).expect(200, live);
  });

  it('relays an entry without its context to a dashboard on another node that asks so', async () => {
    const bare = await connect(1);
    const whole = await connect(2);
    expect(await subscribe(bare, { withContext: false })).toMatchObject({ ok: true });
    expect(await subscribe(whole)).toMatchObject({ ok: true });
    const bareGot = collectLogs(bare, 1);
    const wholeGot = collectLogs(whole, 1);
    const { body } = await request(node(0))
      .post('/logs')
      .send({ level: 'info', message: 'order placed', context: { orderId: 'o-5' } })
      .expect(201);
    const [withheld] = await bareGot;
    expect(withheld).toMatchObject({ id: body.id, contextWithheld: true });
    expect(withheld).not.toHaveProperty('context');
    expect((await wholeGot)[0]).toMatchObject({ id: body.id, context: { orderId: 'o-5' } });
  });

  it('orders batches from every node into one cursor for paging and resume', async () => {
    const posted: number[] = [];
    for (const index of [0, 1, 2, 0]) {
      const { body } = await request(node(index))
        .post('/logs/batch')
        .send([
          { level: 'info', message: `from ${index} a` },
          { level: 'info', message: `from ${index} b` },
        ])
        .expect(201);
      posted.push(...body.ids.map((id: string) => Number(id.split('-')[1])));
    }
    expect(posted).toEqual([...posted].sort((a, b) => a - b));

    const first = await request(node(1)).get('/logs').query({ limit: 3 }).expect(200);
    const second = await request(node(2))
      .get('/logs')
      .query({ limit: 3, before: first.body.nextBefore })
      .expect(200);
    const seqs = [...first.body.entries, ...second.body.entries].map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...posted].reverse().slice(0, 6));

    const resumed = await subscribe(await connect(2), { afterSeq: posted[3] });
    expect(resumed.ok && resumed.entries.map((entry) => entry.seq)).toEqual(posted.slice(4));
  });

  it('shares the metrics: cluster totals plus this node’s own figures', async () => {
    const before = (await request(node(2)).get('/logs/metrics').expect(200)).body;
    await request(node(0)).post('/logs').send({ level: 'warn', message: 'disk 91%' }).expect(201);
    const after = (await request(node(2)).get('/logs/metrics').expect(200)).body;
    expect(after.totalReceived).toBe(before.totalReceived + 1);
    expect(after.perLevel.warn).toBe(before.perLevel.warn + 1);
    expect(after.cluster).toMatchObject({ nodeId: 'node-c', nodes: 3, persistentRedis: false });

    const text = (await request(node(0)).get('/metrics').expect(200)).text;
    expect(text).toMatch(/redtail_node_logs_received_total\{node="node-a"\} [1-9]/);
  });

  it('panics every node at once and leaves old ciphertext unreadable with the new key', async () => {
    await request(node(0))
      .post('/logs')
      .send({ level: 'info', message: 'before panic' })
      .expect(201);
    const [oldEpoch] = await redis.hmget(KEYS.state, 'epoch');
    const [oldMember] = await redis.zrangeBuffer(KEYS.logs(Number(oldEpoch)), -1, -1);
    const oldBlock = decodeMember(oldMember);
    const viewers = await Promise.all([connect(0), connect(1), connect(2)]);
    await Promise.all(viewers.map((viewer) => subscribe(viewer)));
    const panics = viewers.map((viewer) => nextEvent(viewer, 'panic'));

    const started = Date.now();
    const { body: event } = await request(node(1)).post('/logs/panic').send({}).expect(200);
    const received: PanicEvent[] = await Promise.all(panics);
    expect(Date.now() - started).toBeLessThan(1_000);
    for (const panic of received)
      expect(panic).toMatchObject({ epoch: event.epoch, reason: 'panic' });

    expect(await redis.exists(KEYS.logs(Number(oldEpoch)), KEYS.count(Number(oldEpoch)))).toBe(0);
    const [epoch, wrapped] = await redis.hmget(KEYS.state, 'epoch', 'key');
    const newKey = unwrapDataKey(
      Buffer.from(KEK, 'hex'),
      Buffer.from(wrapped ?? '', 'base64'),
      Number(epoch),
    );
    for (const asEpoch of [Number(epoch), Number(epoch) - 1]) {
      const cipher = new BlockCipher(asEpoch, Buffer.from(newKey), 1);
      expect(() => cipher.open(oldBlock.sealed, oldBlock.bound)).toThrow(SealBrokenError);
    }

    const page = await request(node(2)).get('/logs').expect(200);
    expect(page.body.entries).toEqual([]);
    const metrics = (await request(node(0)).get('/logs/metrics').expect(200)).body;
    expect(metrics).toMatchObject({ totalReceived: 0, epoch: event.epoch });
  });

  it('locks down and resumes ingestion on every node', async () => {
    await request(node(0)).post('/logs/panic').send({ lockdown: true }).expect(200);
    await eventually(() =>
      request(node(2)).post('/logs').send({ level: 'info', message: 'x' }).expect(503),
    );
    const viewer = await connect(2);
    await subscribe(viewer);
    const resumed = nextEvent(viewer, 'resumed');
    await request(node(1)).post('/logs/resume').send({}).expect(200);
    await resumed;
    await request(node(2)).post('/logs').send({ level: 'info', message: 'x' }).expect(201);
  });

  it('shows every node the whole audit trail, each event naming the node that recorded it', async () => {
    await request(node(1)).post('/logs/panic').send({}).expect(200);
    await request(node(2)).post('/logs/resume').send({}).expect(200);

    for (const index of [0, 1, 2]) {
      const { body: trail } = await request(node(index)).get('/audit').expect(200);
      const newest = trail.slice(0, 2).map((event: { type: string; node: string }) => ({
        type: event.type,
        node: event.node,
      }));
      expect(newest).toEqual([
        { type: 'resume', node: 'node-c' },
        { type: 'panic', node: 'node-b' },
      ]);
    }
  });
});
