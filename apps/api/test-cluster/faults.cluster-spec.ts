import request from 'supertest';
import { startRedis } from '@redtail/testing';
import { collectLogs, nextEvent, subscribe } from '../test/support/logs-client';
import {
  eventually,
  NodeSockets,
  RunningCluster,
  startCluster,
  startNode,
} from './support/cluster';

describe('cluster faults', () => {
  let cluster: RunningCluster;
  const sockets = new NodeSockets(() => cluster);
  const node = (index: number) => sockets.url(index);
  const connect = (index: number) => sockets.connect(index);

  beforeAll(async () => {
    cluster = await startCluster(3);
  });

  afterEach(() => sockets.closeAll());

  afterAll(() => cluster.stop());

  it('keeps ingesting and streaming on B and C after node A is gone', async () => {
    await cluster.nodes[0].close();
    const viewer = await connect(2);
    await subscribe(viewer);
    const arriving = collectLogs(viewer, 1);
    const { body } = await request(node(1))
      .post('/logs')
      .send({ level: 'info', message: 'still here' })
      .expect(201);
    expect((await arriving)[0].id).toBe(body.id);
    await request(node(2)).get(`/logs/${body.id}`).expect(200);
  });

  it('answers 503 quickly and reports not-ready while Redis is down, then recovers to a fresh epoch', async () => {
    await request(node(1)).post('/logs').send({ level: 'info', message: 'lost soon' }).expect(201);
    const { epoch: before } = (await request(node(1)).get('/logs/metrics').expect(200)).body;
    const viewer = await connect(2);
    await subscribe(viewer);
    const lost = nextEvent(viewer, 'panic');

    await cluster.redis.stop();
    const started = Date.now();
    await request(node(1)).post('/logs').send({ level: 'info', message: 'x' }).expect(503);
    expect(Date.now() - started).toBeLessThan(2_000);
    await eventually(() => request(node(2)).get('/health').expect(503));

    cluster.redis = await startRedis({ port: cluster.redis.port });
    expect(await lost).toMatchObject({ reason: 'store-lost', cleared: 0 });
    await eventually(() => request(node(1)).get('/health').expect(200), 10_000);
    const { body } = await eventually(
      () => request(node(1)).post('/logs').send({ level: 'info', message: 'back' }).expect(201),
      10_000,
    );
    expect(Number(body.id.split('-')[0])).toBeGreaterThan(before);
    const page = await request(node(2)).get('/logs').expect(200);
    expect(page.body.entries.map((entry: { message: string }) => entry.message)).toEqual(['back']);
  });
});

describe('cluster start-up checks', () => {
  it('refuses a Redis that persists to disk', async () => {
    const redis = await startRedis({ persistent: true });
    try {
      await expect(startNode(redis.url, 'careful')).rejects.toThrow(
        /Redis persists to disk \(appendonly yes\).*REDTAIL_ALLOW_PERSISTENT_REDIS/,
      );
      const allowed = await startNode(redis.url, 'allowed', {
        REDTAIL_ALLOW_PERSISTENT_REDIS: 'true',
      });
      const health = await request(allowed.url).get('/health').expect(200);
      expect(health.body.details.redis).toMatchObject({ status: 'up', persistentRedis: true });
      const metrics = (await request(allowed.url).get('/logs/metrics').expect(200)).body;
      expect(metrics.cluster.persistentRedis).toBe(true);
      await allowed.close();
    } finally {
      await redis.stop();
    }
  });

  it('stops the boot with a clear message when REDTAIL_CLUSTER_KEK is not a 32-byte key', async () => {
    const redis = await startRedis();
    try {
      await expect(
        startNode(redis.url, 'typo', { REDTAIL_CLUSTER_KEK: 'correct horse battery staple' }),
      ).rejects.toThrow(/REDTAIL_CLUSTER_KEK must be 32 bytes/);
    } finally {
      await redis.stop();
    }
  });
});
