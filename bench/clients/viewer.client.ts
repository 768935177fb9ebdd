import type { LiveBlock } from '@redtail/contracts';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { io as connectRedtail } from 'socket.io-client';
import { reportProgress, serveCommands } from '../support/client-host';
import { LatencyHistogram, type SparseHistogram } from '../support/histogram';
import { now, type BenchTag } from '@redtail/testing';

/** Where a `LiveRow` holds the entry's context. */
const LIVE_CONTEXT = 7;

export interface ViewerSpec {
  kind: 'redtail' | 'frontail';
  url: string;
  /** Redtail: viewer key. */
  token?: string;
  /** Frontail: its socket namespace (md5 of the tailed paths). */
  namespace?: string;
  sockets: number;
}

export interface ViewerRunResult {
  perSocket: { received: number; unique: number; duplicates: number; dropped: number }[];
  histogram: SparseHistogram;
  firstReceivedAt: number;
  lastReceivedAt: number;
  /** CPU time (user + system, µs) this viewer process used between `begin` and `end`. */
  cpuMicros: number;
  /**
   * With `begin({ perSecond: true })`: latency p99 and worst, ms, of the entries produced in each
   * second of the run (by when the generator made them), oldest second first.
   */
  perSecond?: { p99: number; max: number; count: number }[];
  /**
   * With `begin({ tail: true })`: the lines at or above this viewer's p99, as
   * `[sentAt, receivedAt, sentAt, receivedAt, …]` (epoch ms), to lay against each process's pauses.
   */
  tail?: number[];
}

interface MinimalSocket {
  connected: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  disconnect(): unknown;
}

class SocketTally {
  received = 0;
  unique = 0;
  duplicates = 0;
  dropped = 0;
  private seen = new Uint8Array(0);

  reset(maxIds: number): void {
    this.received = this.unique = this.duplicates = this.dropped = 0;
    this.seen = new Uint8Array((maxIds >> 3) + 1);
  }

  count(id: number): void {
    this.received++;
    const byte = id >> 3;
    const bit = 1 << (id & 7);
    if (byte >= this.seen.length || id < 0) return;
    if (this.seen[byte] & bit) {
      this.duplicates++;
    } else {
      this.seen[byte] |= bit;
      this.unique++;
    }
  }
}

const sockets: MinimalSocket[] = [];
const tallies: SocketTally[] = [];
let run = '';
let histogram = new LatencyHistogram();
let firstReceivedAt = 0;
let lastReceivedAt = 0;
/** Latencies by the second their entry was produced in, when a run asks for them. */
let bySecond: number[][] | undefined;
let firstSentAt = 0;
/** With `tail`: every line's `[sentAt, receivedAt]`, back to back. */
let flights: FlightLog | undefined;

/** Growable pairs of numbers, without an array per line. */
class FlightLog {
  private numbers = new Float64Array(1 << 16);
  private used = 0;

  add(sentAt: number, receivedAt: number): void {
    if (this.used + 2 > this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.used++] = sentAt;
    this.numbers[this.used++] = receivedAt;
  }

  /** The flights that took at least `latency` ms. */
  atLeast(latency: number): number[] {
    const kept: number[] = [];
    for (let i = 0; i < this.used; i += 2) {
      if (this.numbers[i + 1] - this.numbers[i] >= latency) {
        kept.push(this.numbers[i], this.numbers[i + 1]);
      }
    }
    return kept;
  }
}

function receive(tally: SocketTally, tag: BenchTag | undefined, receivedAt: number): void {
  if (!tag || tag.run !== run) return;
  tally.count(tag.id);
  histogram.record(receivedAt - tag.sentAt);
  flights?.add(tag.sentAt, receivedAt);
  if (bySecond) {
    if (firstSentAt === 0 || tag.sentAt < firstSentAt) firstSentAt = tag.sentAt;
    const second = Math.max(0, Math.floor((tag.sentAt - firstSentAt) / 1000));
    (bySecond[second] ??= []).push(receivedAt - tag.sentAt);
  }
  if (firstReceivedAt === 0) firstReceivedAt = receivedAt;
  lastReceivedAt = receivedAt;
}

function openRedtail(spec: ViewerSpec, tally: SocketTally): Promise<MinimalSocket> {
  const socket = connectRedtail(`${spec.url}/logs`, {
    auth: { token: spec.token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  // Reads the one field it needs from each row, as it read it from each entry before rows.
  socket.on('logs', (block: LiveBlock) => {
    const receivedAt = now();
    for (const row of block.rows) {
      const context = row[LIVE_CONTEXT];
      // The bench subscribes with context, so the field is an object whenever it is set.
      const tag =
        typeof context === 'object' ? (context['bench'] as BenchTag | undefined) : undefined;
      receive(tally, tag, receivedAt);
    }
  });
  socket.on('dropped', (event: { count: number }) => {
    tally.dropped += event.count;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.emit('subscribe', { backfill: 0 }, (ack: { ok: boolean; error?: string }) => {
        if (ack.ok) resolve(socket);
        else reject(new Error(`subscribe refused: ${ack.error}`));
      });
    });
  });
}

/** Frontail 4.9 speaks socket.io 2, so its client comes from the peers folder, not the workspace. */
function openFrontail(spec: ViewerSpec, tally: SocketTally): Promise<MinimalSocket> {
  const peersRequire = createRequire(join(__dirname, '..', '.peers', 'package.json'));
  const connectLegacy = peersRequire('socket.io-client') as (
    url: string,
    options: object,
  ) => MinimalSocket & { once(event: string, listener: (...args: never[]) => void): void };
  const socket = connectLegacy(`${spec.url}/${spec.namespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  socket.on('line', (line: string) => {
    const receivedAt = now();
    const firstSpace = line.indexOf(' ');
    const secondSpace = line.indexOf(' ', firstSpace + 1);
    const thirdSpace = line.indexOf(' ', secondSpace + 1);
    if (thirdSpace < 0) return;
    receive(
      tally,
      {
        run: line.slice(0, firstSpace),
        id: Number(line.slice(firstSpace + 1, secondSpace)),
        sentAt: Number(line.slice(secondSpace + 1, thirdSpace)),
      },
      receivedAt,
    );
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () => resolve(socket));
  });
}

async function connect(spec: ViewerSpec): Promise<number> {
  for (let i = 0; i < spec.sockets; i++) {
    const tally = new SocketTally();
    const open = spec.kind === 'redtail' ? openRedtail : openFrontail;
    sockets.push(await open(spec, tally));
    tallies.push(tally);
  }
  return sockets.length;
}

let cpuAtBegin = process.cpuUsage();

function begin(payload: {
  run: string;
  maxIds: number;
  perSecond?: boolean;
  tail?: boolean;
}): void {
  run = payload.run;
  bySecond = payload.perSecond ? [] : undefined;
  flights = payload.tail ? new FlightLog() : undefined;
  firstSentAt = 0;
  cpuAtBegin = process.cpuUsage();
  histogram = new LatencyHistogram();
  firstReceivedAt = lastReceivedAt = 0;
  for (const tally of tallies) tally.reset(payload.maxIds);
}

/**
 * Waits until every socket has every expected entry, or nothing new arrived
 * for `graceMs`, or `capMs` passed: a stuck system cannot hang the run.
 */
async function end(payload: {
  expected: number;
  graceMs: number;
  capMs: number;
}): Promise<ViewerRunResult> {
  const started = Date.now();
  let cpuUsed = process.cpuUsage(cpuAtBegin);
  let lastTotal = -1;
  let lastChange = Date.now();
  for (;;) {
    const total = tallies.reduce((sum, tally) => sum + tally.received, 0);
    if (total !== lastTotal) {
      lastTotal = total;
      lastChange = Date.now();
      // Up to the last arrival: the idle grace period after it is not decoding work.
      cpuUsed = process.cpuUsage(cpuAtBegin);
    }
    const complete = tallies.every((tally) => tally.unique >= payload.expected);
    if (complete || Date.now() - lastChange >= payload.graceMs) break;
    if (Date.now() - started >= payload.capMs) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const result: ViewerRunResult = {
    perSocket: tallies.map(({ received, unique, duplicates, dropped }) => ({
      received,
      unique,
      duplicates,
      dropped,
    })),
    histogram: histogram.toSparse(),
    firstReceivedAt,
    lastReceivedAt,
    cpuMicros: cpuUsed.user + cpuUsed.system,
    perSecond: bySecond && Array.from(bySecond, (latencies = []) => secondFigures(latencies)),
    tail: flights?.atLeast(histogram.percentile(99)),
  };
  run = '';
  flights = undefined;
  return result;
}

function secondFigures(latencies: number[]): { p99: number; max: number; count: number } {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return {
    p99: sorted.length ? at(99) : NaN,
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    count: sorted.length,
  };
}

function disconnect(): number {
  for (const socket of sockets.splice(0)) socket.disconnect();
  return 0;
}

setInterval(() => {
  reportProgress({ received: tallies.reduce((sum, tally) => sum + tally.received, 0) });
}, 1000).unref();

serveCommands({ connect, begin, end, disconnect });
