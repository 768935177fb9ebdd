import { randomBytes } from 'node:crypto';
import { RunningRedis, startRedis } from '../../test/support/redis-server';
import { RunningApp, startApp } from '../../test/support/start-app';

export const KEK = randomBytes(32).toString('hex');

export interface RunningCluster {
  redis: RunningRedis;
  nodes: RunningApp[];
  stop(): Promise<void>;
}

/** A memory-only redis-server and `count` API nodes sharing it, each on its own loopback port. */
export async function startCluster(count: number): Promise<RunningCluster> {
  const redis = await startRedis();
  const nodes: RunningApp[] = [];
  for (let i = 0; i < count; i += 1) {
    nodes.push(await startNode(redis.url, `node-${String.fromCharCode(97 + i)}`));
  }
  const running: RunningCluster = {
    redis,
    nodes,
    stop: async () => {
      await Promise.all(nodes.map((node) => node.close().catch(() => undefined)));
      // A test may have restarted Redis: stop whichever instance runs now.
      await running.redis.stop();
    },
  };
  return running;
}

export function startNode(
  redisUrl: string,
  nodeId: string,
  env: Record<string, string> = {},
): Promise<RunningApp> {
  return startApp({
    REDIS_URL: redisUrl,
    REDTAIL_CLUSTER_KEK: KEK,
    REDTAIL_NODE_ID: nodeId,
    ...env,
  });
}

/** Polls `check` until it stops throwing (or the time is up, then throws its last error). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
