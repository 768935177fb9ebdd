import Redis from 'ioredis';
import { inspectRedisPersistence } from '../src/cluster/redis-persistence';
import { RunningRedis, startRedis } from '@redtail/testing';

describe('inspectRedisPersistence', () => {
  let memoryOnly: RunningRedis;
  let persistent: RunningRedis;

  beforeAll(async () => {
    [memoryOnly, persistent] = await Promise.all([startRedis(), startRedis({ persistent: true })]);
  });

  afterAll(async () => {
    await Promise.all([memoryOnly.stop(), persistent.stop()]);
  });

  it('finds nothing persistent in a memory-only Redis', async () => {
    const redis = new Redis(memoryOnly.url);
    await expect(inspectRedisPersistence(redis)).resolves.toEqual({
      persistent: false,
      reasons: [],
    });
    redis.disconnect();
  });

  it('reports an append-only Redis as persistent', async () => {
    const redis = new Redis(persistent.url);
    const result = await inspectRedisPersistence(redis);
    expect(result.persistent).toBe(true);
    expect(result.reasons).toContain('appendonly yes');
    redis.disconnect();
  });
});
