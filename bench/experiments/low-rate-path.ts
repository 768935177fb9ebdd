/**
 * Why a line takes longer through Redtail than through frontail at 1 000 lines/s, when the
 * server is nearly idle. Two measurements, printed side by side:
 *
 * 1. The path: the production server, one viewer socket and one `POST /logs/stream` in this
 *    process; every `--every` ms a chunk of `--lines` bench lines (personal data in each) is
 *    written, and each chunk's path time (written → its last line at the viewer) and the
 *    server's CPU time per line are recorded, at 1k lines/s (10-line chunks every 10 ms, issue
 *    #19's cadence) and at 10k lines/s (the same chunks every 1 ms).
 * 2. The core: the same small piece of work (parse and serialise ten bench lines) timed
 *    back to back, and timed after the thread slept 10 ms, in this process.
 *
 * Evidence behind the 1k verdicts in docs/benchmarks.md; not a scenario of `npm run bench`.
 *
 *   npm run bench:low-rate-path
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { io } from 'socket.io-client';
import { now, redtailLine } from '@redtail/testing';
import { ProcessGroup } from '../support/processes';
import { KEYS, startRedtail } from '../support/servers';

const SECONDS = 8;
/** The first seconds of a fresh server run partly in V8's interpreter; they are not counted. */
const SKIP_SECONDS = 3;
const LINES = 10;

interface PathFigures {
  chunks: number;
  p50: number;
  p90: number;
  p99: number;
  cpuMicrosPerLine: number;
  /** Lines per second actually offered: a 1 ms timer fires every 1.1 ms or so. */
  linesPerSecond: number;
}

async function main(): Promise<void> {
  const group = new ProcessGroup();
  try {
    for (const every of [10, 1]) {
      const figures = await measurePath(group, every);
      console.log(
        `${figures.linesPerSecond.toFixed(0).padStart(6)} lines/s (${LINES} lines every ` +
          `${every} ms): path p50 ` +
          `${figures.p50.toFixed(2)} ms, p90 ${figures.p90.toFixed(2)}, p99 ` +
          `${figures.p99.toFixed(2)} over ${figures.chunks} chunks; server CPU ` +
          `${figures.cpuMicrosPerLine.toFixed(0)} µs per line`,
      );
    }
    const core = await measureCore();
    console.log(
      `ten bench lines parsed and serialised: ${core.hot.toFixed(1)} µs back to back, ` +
        `${core.afterSleep.toFixed(1)} µs after a 10 ms sleep (medians)`,
    );
  } finally {
    await group.stopAll();
  }
}

async function measurePath(group: ProcessGroup, every: number): Promise<PathFigures> {
  const server = await startRedtail(group);
  const pid = server.process.pid;
  const viewer = io(`${server.url}/logs`, {
    auth: { token: KEYS.viewer },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    viewer.once('connect_error', reject);
    viewer.once('connect', () => viewer.emit('subscribe', { backfill: 0 }, () => resolve()));
  });
  const slowestLine = new Map<number, number>();
  // How long each chunk's lines took to make: they are stamped first, so it is subtracted.
  const madeIn = new Map<number, number>();
  viewer.on('logs', (block: { rows: unknown[][] }) => {
    const at = now();
    for (const row of block.rows) {
      const tag = (row[7] as { bench?: { id: number; sentAt: number } } | undefined)?.bench;
      if (!tag) continue;
      const chunk = Math.floor(tag.id / LINES);
      slowestLine.set(chunk, Math.max(slowestLine.get(chunk) ?? 0, at - tag.sentAt));
    }
  });
  const stream = request(`${server.url}/logs/stream`, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/x-ndjson',
      authorization: `Bearer ${KEYS.ingest}`,
      'x-redtail-stream-id': `low-rate-${every}`,
    },
  });
  stream.on('response', (response) => response.resume());
  stream.on('error', () => undefined);
  stream.flushHeaders();
  const chunks = (SECONDS * 1000) / every;
  const firstCounted = (SKIP_SECONDS * 1000) / every;
  let cpuAtStart = 0;
  let countedFrom = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (chunk === firstCounted) {
      cpuAtStart = cpuMillisOf(pid);
      countedFrom = performance.now();
    }
    const sentAt = now();
    const lines = Array.from({ length: LINES }, (_, index) => {
      const id = chunk * LINES + index;
      return redtailLine(id, { run: 'low-rate', id, sentAt }, 'every');
    });
    madeIn.set(chunk, now() - sentAt);
    stream.write(`${lines.join('\n')}\n`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  const countedLines = (chunks - firstCounted) * LINES;
  const linesPerSecond = countedLines / ((performance.now() - countedFrom) / 1000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpuMillis = cpuMillisOf(pid) - cpuAtStart;
  stream.destroy();
  viewer.close();
  await group.stopAll();
  const paths: number[] = [];
  for (let chunk = firstCounted; chunk < chunks; chunk++) {
    const slowest = slowestLine.get(chunk);
    if (slowest !== undefined) paths.push(slowest - (madeIn.get(chunk) ?? 0));
  }
  paths.sort((a, b) => a - b);
  const at = (share: number) => paths[Math.min(paths.length - 1, Math.floor(share * paths.length))];
  return {
    chunks: paths.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    cpuMicrosPerLine: (cpuMillis * 1000) / countedLines,
    linesPerSecond,
  };
}

/** User and system CPU time of a process so far, from /proc (Linux clock ticks of 10 ms). */
function cpuMillisOf(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function measureCore(): Promise<{ hot: number; afterSleep: number }> {
  const lines = Array.from({ length: LINES }, (_, id) =>
    redtailLine(id, { run: 'core', id, sentAt: now() }, 'every'),
  );
  const work = () => {
    let length = 0;
    for (const line of lines) length += JSON.stringify(JSON.parse(line)).length;
    return length;
  };
  for (let i = 0; i < 20_000; i++) work();
  const time = () => {
    const started = performance.now();
    work();
    return (performance.now() - started) * 1000;
  };
  const hot = Array.from({ length: 2000 }, time);
  const afterSleep: number[] = [];
  for (let i = 0; i < 300; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    afterSleep.push(time());
  }
  return { hot: median(hot), afterSleep: median(afterSleep) };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1];
}

void main();
