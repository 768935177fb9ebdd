import Redis from 'ioredis';
import request from 'supertest';
import { collectLogs, connectLogs, subscribe } from '../test/support/logs-client';
import { RunningRedis, startRedis } from '@redtail/testing';
import { RunningApp } from '../test/support/start-app';
import { startNode } from './support/cluster';

describe('the experimental streams adapter (REDTAIL_CLUSTER_ADAPTER=streams)', () => {
  let redis: RunningRedis;
  const nodes: RunningApp[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    for (const id of ['node-a', 'node-b']) {
      nodes.push(await startNode(redis.url, id, { REDTAIL_CLUSTER_ADAPTER: 'streams' }));
    }
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await redis?.stop();
  });

  it('relays an entry posted to node A to a dashboard on node B, masked, keeping no copy in Redis', async () => {
    const viewer = await connectLogs(nodes[1].url);
    try {
      await subscribe(viewer);
      const arriving = collectLogs(viewer, 1);
      const { body } = await request(nodes[0].url)
        .post('/logs')
        .send({ level: 'info', message: 'token for erin@example.com rotated' })
        .expect(201);
      const [live] = await arriving;
      expect(live.id).toBe(body.id);
      expect(live.message).not.toContain('erin@example.com');
      // Server-side emits travel over pub/sub; only the adapter's own heartbeats enter its stream.
      const inspector = new Redis(redis.url);
      const retained = await inspector.xrange('socket.io', '-', '+');
      inspector.disconnect();
      expect(JSON.stringify(retained)).not.toContain('redtail:sealed');
    } finally {
      viewer.disconnect();
    }
  });

  it('gathers the audit trail from the other node too', async () => {
    await request(nodes[0].url).post('/logs/panic').send({}).expect(200);
    const { body: trail } = await request(nodes[1].url).get('/audit').expect(200);
    expect(trail[0]).toMatchObject({ type: 'panic', node: 'node-a' });
  });

  it('refuses an unknown adapter name at start-up', async () => {
    await expect(
      startNode(redis.url, 'node-x', { REDTAIL_CLUSTER_ADAPTER: 'kafka' }),
    ).rejects.toThrow(/REDTAIL_CLUSTER_ADAPTER="kafka": must be pubsub or streams/);
  });
});
