import { fork } from 'node:child_process';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import request from 'supertest';
import { hit, type Outcomes } from './support/hostile-viewer-attacks';
import { loopCpuMs } from './support/loop-cpu';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

/**
 * Issue 15's hostile viewer, all at once against one server holding ~20k entries: RE2-heavy
 * regex scans, filtered full scans, subscribe floods, wrong-key handshakes and oversized bodies,
 * under the shipped limits, from a process of their own. Meanwhile this process polls `/health`,
 * and every answer must come within 100 ms of the event loop's time: the CPU its main thread spent
 * between sending the poll and reading its answer, which is what a scan that does not yield, a
 * regex that backtracks or a body parsed in one go would add. Wall time is reported beside it;
 * on a machine shared by many jobs it also counts the time this process waited for a core.
 */
const ROOT = join(__dirname, '../../..');
const STORED = 20_000;
const BATCH = 1_000;
const MIN_POLLS = 60;
const POLL_EVERY_MS = 80;
const HEALTH_WITHIN_MS = 100;

jest.setTimeout(90_000);

interface Poll {
  status: number | string;
  /** CPU time of this process's main thread (the server's event loop) while the poll waited. */
  loopMs: number;
  wallMs: number;
}

describe('a hostile viewer', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({
      ...KEY_ENV,
      // The attackers say which address they come from; the poller is the loopback itself.
      REDTAIL_TRUST_PROXY: 'loopback',
    });
    for (let sent = 0; sent < STORED; sent += BATCH) {
      const entries = Array.from({ length: BATCH }, (_, i) =>
        // Lines of dashes are what made a backtracking pattern stall the server for 54 s.
        (sent + i) % 2 === 0
          ? { level: 'info', service: 'edge', message: '-'.repeat(600) }
          : {
              level: 'warn',
              service: 'checkout',
              message: `payment ${sent + i} retried after a timeout from the card processor`,
              context: { user: { id: sent + i }, attempt: i % 5 },
            },
      );
      await request(running.url)
        .post('/logs/batch')
        .set(bearer(KEYS.ingest))
        .send(entries)
        .expect(201);
    }
  });

  afterAll(() => running.close());

  async function pollHealth(): Promise<Poll> {
    const cpuBefore = loopCpuMs();
    const started = performance.now();
    const status = await hit(running.url, { path: '/health' });
    return { status, loopMs: loopCpuMs() - cpuBefore, wallMs: performance.now() - started };
  }

  it('answers every /health poll within 100 ms of event-loop time while the attacks run', async () => {
    const attacker = fork(
      join(__dirname, 'support/hostile-viewer.attacker.ts'),
      [JSON.stringify({ url: running.url, viewerKey: KEYS.viewer, ingestKey: KEYS.ingest })],
      { cwd: ROOT, execArgv: ['-r', require.resolve('@swc-node/register')] },
    );
    const report = new Promise<Outcomes>((resolve, reject) => {
      attacker.once('message', (message: { outcomes: Outcomes }) => resolve(message.outcomes));
      attacker.once('exit', (code) => reject(new Error(`the attacker exited with ${code}`)));
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const polls: Poll[] = [];
    try {
      // Until the attacker's first requests are in flight (its start-up compiles TypeScript).
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      loop.enable();
      while (polls.length < MIN_POLLS) {
        await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
        polls.push(await pollHealth());
      }
    } finally {
      loop.disable();
      attacker.send('stop');
    }
    const outcomes = await report;

    const slowest = (key: 'loopMs' | 'wallMs') => Math.round(Math.max(...polls.map((p) => p[key])));
    const summary = JSON.stringify({
      polls: polls.length,
      slowestLoopMs: slowest('loopMs'),
      slowestWallMs: slowest('wallMs'),
      eventLoopDelayMaxMs: Math.round(loop.max / 1e6),
      eventLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
      outcomes,
    });
    expect(polls.filter((poll) => poll.status !== 200)).toEqual([]);
    if (slowest('loopMs') >= HEALTH_WITHIN_MS)
      throw new Error(`a /health poll was too slow: ${summary}`);
    process.stdout.write(`hostile viewer: ${summary}\n`);

    // Every attack really ran, and the costly ones were served (not only refused) for a while.
    expect(outcomes['regex scan']?.['200']).toBeGreaterThan(0);
    expect(outcomes['filtered scan']?.['200']).toBeGreaterThan(0);
    expect(outcomes['subscribe flood']?.['ok']).toBeGreaterThan(0);
    expect(outcomes['wrong-key handshake']).toBeDefined();
    expect(outcomes['wrong-key handshake']?.['connected']).toBeUndefined();
    expect(outcomes['oversized body']).toBeDefined();
    expect(Object.keys(outcomes['oversized body'] ?? {})).not.toContain('201');
  });
});
