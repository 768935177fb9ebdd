import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectLogs, LogsClient } from '../../test/support/logs-client';
import { freePort, RunningRedis, startRedis } from '@redtail/testing';
import { RunningApp, startApp } from '../../test/support/start-app';

export const KEK = randomBytes(32).toString('hex');

export interface RunningCluster {
  redis: RunningRedis;
  nodes: RunningApp[];
  stop(): Promise<void>;
}

/** Dashboards a test opens on the nodes of a cluster, closed together after each test. */
export class NodeSockets {
  private readonly open: LogsClient[] = [];

  constructor(private readonly cluster: () => RunningCluster) {}

  url(index: number): string {
    return this.cluster().nodes[index].url;
  }

  async connect(index: number): Promise<LogsClient> {
    const socket = await connectLogs(this.url(index));
    this.open.push(socket);
    return socket;
  }

  closeAll(): void {
    for (const socket of this.open.splice(0)) socket.disconnect();
  }
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

/** The production bundle (`npx nx build api`), run as its own process so a test can kill it hard. */
export const API_BUNDLE = join(__dirname, '../../../../dist/apps/api/main.js');

export interface NodeProcess {
  url: string;
  child: ChildProcess;
}

export function apiBundleBuilt(): boolean {
  return existsSync(API_BUNDLE);
}

/** A cluster node from the built bundle on a free loopback port, resolved once `/health` is up. */
export async function startNodeProcess(redisUrl: string, nodeId: string): Promise<NodeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_BUNDLE], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDTAIL_AUTH: 'off',
      REDIS_URL: redisUrl,
      REDTAIL_CLUSTER_KEK: KEK,
      REDTAIL_NODE_ID: nodeId,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(async () => {
      if (child.exitCode !== null) return `exited with ${child.exitCode}`;
      const response = await fetch(`${url}/health`);
      if (!response.ok) throw new Error(`/health answered ${response.status}`);
      return 'up';
    }, 15_000).then((state) => {
      if (state !== 'up') throw new Error(`${API_BUNDLE} ${state}:\n${errors}`);
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, child };
}
