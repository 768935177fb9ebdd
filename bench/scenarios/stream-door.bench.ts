import { benchEntry, freePort } from '@redtail/testing';
import { request } from 'node:http';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { LatencyHistogram } from '../support/histogram';
import { readNdjsonRecords } from '../support/ndjson-records';
import { progress, sleep } from '../support/progress';
import { BENCH_DIR, WORKSPACE_DIR, type ResultRow } from '../support/results';
import { runScenario } from '../support/scenario';
import { summarize } from '../support/stats';
import { startServer } from '../support/processes';

const RATES = [10_000, 50_000];
/** Issue #19's shipper: 100-entry batches, leaving every 10 ms or sooner when full. */
const BATCH = 100;
const FLUSH_MS = 10;
const TRANSPORTS = ['http-stream', 'socket.io'] as const;
type Transport = (typeof TRANSPORTS)[number];

interface Figures {
  achieved: number;
  p50: number;
  p99: number;
  cpuMicrosPerLine: number;
}

/** Sends batches as one transport would and resolves each batch's latency on its ack. */
interface Door {
  send(batch: object[], sentAt: number): void;
  close(): Promise<void>;
}

runScenario(
  {
    scenario: 'stream-door',
    title: 'Streaming door: chunked POST /logs/stream against a Socket.IO /ingest namespace',
    description:
      'Issue #19 offers two streaming doors. Both run bare in one process ' +
      '(bench/baselines/ingest-transports.server.ts), doing the same work per line and ' +
      'acknowledging at the end of the event-loop turn; the client sends 100-entry batches every ' +
      '10 ms or sooner when full, each line carrying personal data. p50/p99 are from a batch ' +
      'leaving the client to its acknowledgement arriving; cpuMicrosPerLine is the server ' +
      'process’s CPU time per line. The pipeline after the door is the same for both, so it is ' +
      'left out: what differs is the transport.',
  },
  async ({ options, group }) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    await startServer(group, {
      name: 'ingest-transports',
      command: process.execPath,
      args: [
        '-r',
        '@swc-node/register',
        join(BENCH_DIR, 'baselines', 'ingest-transports.server.ts'),
      ],
      cwd: WORKSPACE_DIR,
      env: {
        NODE_ENV: 'production',
        PORT: String(port),
        SWC_NODE_PROJECT: join(BENCH_DIR, 'tsconfig.json'),
      },
      readyUrl: `${url}/`,
    });
    const rows: ResultRow[] = [];
    for (const rate of RATES) {
      const runs = new Map<Transport, Figures[]>();
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        const order = repeat % 2 === 0 ? TRANSPORTS : [...TRANSPORTS].reverse();
        for (const transport of order) {
          progress(`${transport} ${rate}/s run ${repeat + 1}/${options.repeats}`);
          const figures = await measure(url, transport, rate, options.seconds);
          runs.set(transport, [...(runs.get(transport) ?? []), figures]);
        }
      }
      for (const transport of TRANSPORTS) {
        const figures = runs.get(transport) ?? [];
        rows.push({
          system: transport,
          params: { rate },
          figures: {
            achieved: summarize(figures.map((figure) => figure.achieved)),
            p50: summarize(figures.map((figure) => figure.p50)),
            p99: summarize(figures.map((figure) => figure.p99)),
            cpuMicrosPerLine: summarize(figures.map((figure) => figure.cpuMicrosPerLine)),
          },
        });
      }
    }
    return {
      settings: {
        secondsPerRun: options.seconds,
        repeats: options.repeats,
        batch: BATCH,
        flushMs: FLUSH_MS,
      },
      figures: { achieved: 'lines/s', p50: 'ms', p99: 'ms', cpuMicrosPerLine: 'µs' },
      rows,
      targets: [],
      notes: [],
    };
  },
);

async function measure(
  url: string,
  transport: Transport,
  rate: number,
  seconds: number,
): Promise<Figures> {
  const histogram = new LatencyHistogram();
  let acked = 0;
  const door =
    transport === 'http-stream'
      ? await httpStream(url, histogram, (n) => (acked += n))
      : await socketIo(url, histogram, (n) => (acked += n));
  const before = await cpuOf(url);
  const start = performance.now();
  let produced = 0;
  let batch: object[] = [];
  let batchStartedAt = start;
  const flush = () => {
    if (batch.length === 0) return;
    door.send(batch, performance.now());
    batch = [];
  };
  while (performance.now() - start < seconds * 1000) {
    const owed = Math.floor(((performance.now() - start) / 1000) * rate) - produced;
    for (let i = 0; i < owed; i++) {
      if (batch.length === 0) batchStartedAt = performance.now();
      batch.push(benchEntry(produced++, 'every'));
      if (batch.length >= BATCH) flush();
    }
    if (performance.now() - batchStartedAt >= FLUSH_MS) flush();
    await sleep(1);
  }
  flush();
  const deadline = performance.now() + 5_000;
  while (acked < produced && performance.now() < deadline) await sleep(5);
  const elapsed = (performance.now() - start) / 1000;
  await door.close();
  const after = await cpuOf(url);
  return {
    achieved: acked / elapsed,
    p50: histogram.percentile(50),
    p99: histogram.percentile(99),
    cpuMicrosPerLine:
      (after.cpuMicros - before.cpuMicros) / Math.max(1, after.lines - before.lines),
  };
}

async function httpStream(
  url: string,
  histogram: LatencyHistogram,
  onAcked: (lines: number) => void,
): Promise<Door> {
  /** Batches sent and not yet acknowledged: the line count that completes each, and when it left. */
  const waiting: { through: number; sentAt: number }[] = [];
  let sent = 0;
  let ackedThrough = 0;
  const outgoing = request(`${url}/logs/stream`, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/x-ndjson' },
  });
  const ended = new Promise<void>((resolve) => {
    outgoing.on('response', (response) => {
      readNdjsonRecords<{ ack?: number }>(response, ({ ack }) => {
        // Only acks move the count; the bench's entries are valid, so no `rejected` line comes.
        if (ack === undefined) return;
        const now = performance.now();
        while (waiting.length > 0 && waiting[0].through <= ack) {
          histogram.record(now - (waiting.shift() as { sentAt: number }).sentAt);
        }
        onAcked(ack - ackedThrough);
        ackedThrough = ack;
      });
      response.on('end', resolve);
    });
  });
  outgoing.flushHeaders();
  return {
    send(batch, sentAt) {
      sent += batch.length;
      waiting.push({ through: sent, sentAt });
      outgoing.write(`${batch.map((entry) => JSON.stringify(entry)).join('\n')}\n`);
    },
    async close() {
      outgoing.end();
      await ended;
    },
  };
}

async function socketIo(
  url: string,
  histogram: LatencyHistogram,
  onAcked: (lines: number) => void,
): Promise<Door> {
  const socket = io(`${url}/ingest`, { transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    send(batch, sentAt) {
      socket.emit('batch', batch, (result: { accepted: number }) => {
        histogram.record(performance.now() - sentAt);
        onAcked(result.accepted);
      });
    },
    async close() {
      socket.disconnect();
    },
  };
}

function cpuOf(url: string): Promise<{ cpuMicros: number; lines: number }> {
  return fetch(`${url}/cpu`).then(
    (response) => response.json() as Promise<{ cpuMicros: number; lines: number }>,
  );
}
