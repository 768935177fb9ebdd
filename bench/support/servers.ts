import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from '@redtail/testing';
import { ManagedProcess, ProcessGroup, startServer } from './processes';
import { BENCH_DIR, WORKSPACE_DIR } from './results';
import { sleep } from './progress';

export const KEYS = {
  ingest: 'bench-ingest-key-0123456789abcdef',
  viewer: 'bench-viewer-key-0123456789abcdef',
  admin: 'bench-admin-key-0123456789abcdef',
};

export interface RunningServer {
  process: ManagedProcess;
  url: string;
}

/**
 * The production build, or another build's copy of it (`BENCH_SERVER_MAIN=dist/api-before/main.js`,
 * an investigation knob; inside the workspace, so its packages resolve): an A/B of two builds
 * alternates runs without rebuilding in between.
 */
const REDTAIL_MAIN = resolve(
  WORKSPACE_DIR,
  process.env['BENCH_SERVER_MAIN'] ?? join('dist', 'apps', 'api', 'main.js'),
);

export function assertRedtailBuilt(): void {
  if (!existsSync(REDTAIL_MAIN)) {
    throw new Error(`${REDTAIL_MAIN} is missing: run \`npx nx build api\` first`);
  }
}

/**
 * The production build, on loopback, with benchmark keys and rate limits
 * lifted so the limiter is not what we measure. The memory probe is preloaded
 * so scenarios can ask for heap figures without touching the server's code.
 */
export async function startRedtail(
  group: ProcessGroup,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<RunningServer> {
  assertRedtailBuilt();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer(group, {
    name: 'redtail',
    command: process.execPath,
    args: [
      '--expose-gc',
      '-r',
      join(BENCH_DIR, 'support', 'server-probe.cjs'),
      ...(process.env['BENCH_SERVER_ALLOCATIONS']
        ? ['-r', join(BENCH_DIR, 'support', 'allocation-probe.cjs')]
        : []),
      ...nodeArgs,
      ...(process.env['BENCH_SERVER_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
      REDTAIL_MAIN,
    ],
    cwd: WORKSPACE_DIR,
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      REDTAIL_INGEST_KEYS: `bench-shipper:${KEYS.ingest}`,
      REDTAIL_VIEWER_KEYS: `bench-viewer:${KEYS.viewer}`,
      REDTAIL_ADMIN_KEYS: `bench-admin:${KEYS.admin}`,
      ...rateLimitsOff(),
      ...env,
    },
    readyUrl: `${url}/health`,
    ipc: true,
  });
  return { process: server, url };
}

/** Limits from apps/api/src/app/env.ts, lifted so a limiter is never what we measure. */
function rateLimitsOff(): Record<string, string> {
  return {
    REDTAIL_RATE_LIMIT: '1000000000',
    REDTAIL_INGEST_RATE_LIMIT: '1000000000',
    REDTAIL_SOCKETS_PER_KEY: '1000',
    REDTAIL_SCAN_RATE_LIMIT: '1000000000',
    REDTAIL_SOCKET_RATE_LIMIT: '1000000000',
  };
}

export async function memoryOf(server: RunningServer): Promise<NodeJS.MemoryUsage> {
  return (await ask<{ usage: NodeJS.MemoryUsage }>(server, 'memory')).usage;
}

/** CPU time (user + system, µs) the server process has used since it started. */
export async function cpuTimeOf(server: RunningServer): Promise<number> {
  const { usage } = await ask<{ usage: NodeJS.CpuUsage }>(server, 'cpu');
  return usage.user + usage.system;
}

/** Garbage-collection pauses, ms, minor (scavenges) and major apart. */
export interface GcPauses {
  minor: number[];
  major: number[];
}

/** The server's garbage-collector pauses since the previous call. */
export async function gcPausesOf(server: RunningServer): Promise<GcPauses> {
  return (await ask<{ pauses: GcPauses }>(server, 'gc')).pauses;
}

export interface GcFigures {
  /** The longest pause, ms. */
  gcMaxPause: number;
  /** All pauses added up, ms per second of `seconds`. */
  gcPausePerSecond: number;
}

/** Pauses from `gcPausesOf`, summed up over the `seconds` they were collected in. */
export function gcFigures(pauses: GcPauses, seconds: number): GcFigures {
  const all = [...pauses.minor, ...pauses.major];
  return {
    gcMaxPause: Math.max(0, ...all),
    gcPausePerSecond: all.reduce((sum, pause) => sum + pause, 0) / Math.max(seconds, 1e-3),
  };
}

/**
 * When each of the server's garbage-collection pauses began and ended since the previous call,
 * as `[start, end, start, end, …]` in epoch milliseconds (the clock the bench stamps lines with).
 */
export async function gcIntervalsOf(server: RunningServer): Promise<number[]> {
  return (await ask<{ intervals: number[] }>(server, 'gcIntervals')).intervals;
}

/** How late the server's event loop ran, ms: p50, p99 and the worst, since the previous call. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export async function loopDelayOf(server: RunningServer): Promise<LoopDelay> {
  return (await ask<{ delay: LoopDelay }>(server, 'delay')).delay;
}

/** One question to the probe preloaded into the server (bench/support/server-probe.cjs). */
function ask<T>(
  server: RunningServer,
  probe: 'memory' | 'cpu' | 'gc' | 'gcIntervals' | 'delay',
): Promise<T> {
  const child = server.process.child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${probe} probe did not answer`)), 10_000);
    const onMessage = (message: { probe?: string }) => {
      if (message.probe !== probe) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.send({ probe });
  });
}

/**
 * The bare NestJS baseline; `securityFloor` adds helmet and a minimal auth +
 * rate-limit guard (see bench/baselines/bare-nest.server.ts), keyed with KEYS.ingest.
 */
export async function startBareNest(
  group: ProcessGroup,
  options: { securityFloor?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer(group, {
    name: options.securityFloor ? 'security-floor' : 'bare-nest',
    command: process.execPath,
    args: [
      '--expose-gc',
      '-r',
      join(BENCH_DIR, 'support', 'server-probe.cjs'),
      '-r',
      '@swc-node/register',
      join(BENCH_DIR, 'baselines', 'bare-nest.server.ts'),
    ],
    cwd: WORKSPACE_DIR,
    // swc-node only enables legacy decorators and their metadata with a tsconfig that asks for them.
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      ...(options.securityFloor ? { BARE_SECURITY_FLOOR: '1', BARE_INGEST_KEY: KEYS.ingest } : {}),
      SWC_NODE_PROJECT: join(BENCH_DIR, 'tsconfig.json'),
    },
    readyUrl: `${url}/`,
    ipc: true,
  });
  return { process: server, url };
}

const PEERS_DIR = join(BENCH_DIR, '.peers');
const FRONTAIL_BIN = join(PEERS_DIR, 'node_modules', 'frontail', 'index.js');
const PEER_PACKAGES = ['frontail@4.9.2', 'socket.io-client@2.3.0'];

/** Peers live in a git-ignored folder, installed on first use, never in the workspace lockfile. */
export function ensurePeers(): void {
  if (existsSync(FRONTAIL_BIN) && existsSync(join(PEERS_DIR, 'node_modules', 'socket.io-client'))) {
    return;
  }
  execFileSync(
    'npm',
    ['install', '--prefix', PEERS_DIR, '--no-save', '--no-audit', '--no-fund', ...PEER_PACKAGES],
    { stdio: 'inherit' },
  );
}

export interface RunningFrontail extends RunningServer {
  file: string;
  namespace: string;
}

/** frontail with its default options, tailing a fresh file that is deleted when the group stops. */
export async function startFrontail(group: ProcessGroup): Promise<RunningFrontail> {
  ensurePeers();
  const dir = mkdtempSync(join(tmpdir(), 'redtail-bench-'));
  group.onStopped(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'app.log');
  writeFileSync(file, '');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer(group, {
    name: 'frontail',
    command: process.execPath,
    args: [
      '--expose-gc',
      '-r',
      join(BENCH_DIR, 'support', 'server-probe.cjs'),
      FRONTAIL_BIN,
      '--disable-usage-stats',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      file,
    ],
    readyUrl: `${url}/`,
    ownGroup: true,
    ipc: true,
  });
  // frontail starts `tail -F` beside its HTTP server; give it a moment to open the file.
  await sleep(300);
  return {
    process: server,
    url,
    file,
    namespace: createHash('md5').update(file).digest('hex'),
  };
}

/** Asks the server to exit normally (so `--cpu-prof` writes its profile) and waits for it. */
export async function exitGracefully(server: RunningServer): Promise<void> {
  server.process.child.send({ probe: 'exit' });
  await Promise.race([server.process.whenExited(), sleep(10_000)]);
  await server.process.stop();
}
