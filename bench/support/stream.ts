import { join } from 'node:path';
import type { ShipResult, ShipperSpec } from '../clients/shipper.client';
import type { ViewerRunResult, ViewerSpec } from '../clients/viewer.client';
import { LatencyHistogram } from './histogram';
import { ClientProcess, forkClient, ProcessGroup } from './processes';
import { progress } from './progress';
import { BENCH_DIR } from './results';
import { attributeTail, runQueueWaitMs, type TailAttribution } from './tail-attribution';
import {
  cpuTimeOf,
  gcFigures,
  gcIntervalsOf,
  gcPausesOf,
  KEYS,
  startFrontail,
  startRedtail,
  type GcFigures,
  type GcPauses,
  type RunningServer,
} from './servers';

/** `redtail-stream`: Redtail fed over one POST /logs/stream instead of batches. */
export type SystemName = 'redtail' | 'redtail-stream' | 'frontail';

/** Batch size and flush interval of the simulated shipper (the issue allows ≤ 100 and ≤ 10 ms). */
/**
 * How the load generator ships to Redtail: what it produced during one tick of its
 * ≈ 1 ms loop leaves as one batch (`flushMs: 0`), which is also the cadence at which
 * the same generator appends to frontail's file; batches never exceed `batchMax`.
 */
export const SHIPPER = { batchMax: 100, flushMs: 0, maxInFlight: 8 };

/** How the generator ships: batch shape, and how many lines carry personal data. */
export type ShipperSettings = Pick<ShipperSpec, 'batchMax' | 'flushMs' | 'maxInFlight' | 'pii'>;

/** Stops every process of a rig (a fresh server per measurement). */
export async function stopRig(rig: StreamRig): Promise<void> {
  for (const child of [...rig.viewers, rig.shipper, rig.server.process]) await child.stop();
}

/** A server with its load generator and viewers, each in its own process. */
export interface StreamRig {
  system: SystemName;
  server: RunningServer;
  shipper: ClientProcess;
  viewers: ClientProcess[];
  /** How to connect one more viewer to this server. */
  viewerSpec: Omit<ViewerSpec, 'sockets'>;
}

/**
 * Starts one system with `sockets` healthy viewers spread over up to four
 * viewer processes (one process cannot decode 100 sockets' traffic alone).
 */
export async function startRig(
  group: ProcessGroup,
  system: SystemName,
  sockets: number,
  redtailEnv: Record<string, string> = {},
  shipping: ShipperSettings = SHIPPER,
): Promise<StreamRig> {
  let server: RunningServer;
  let shipperSpec: ShipperSpec;
  let viewerSpec: Omit<ViewerSpec, 'sockets'>;
  if (system === 'frontail') {
    const frontail = await startFrontail(group);
    server = frontail;
    shipperSpec = { kind: 'frontail', file: frontail.file, ...shipping };
    viewerSpec = { kind: 'frontail', url: frontail.url, namespace: frontail.namespace };
  } else {
    server = await startRedtail(group, redtailEnv);
    shipperSpec = { kind: system, url: server.url, token: KEYS.ingest, ...shipping };
    viewerSpec = { kind: 'redtail', url: server.url, token: KEYS.viewer };
  }
  const shipper = forkClient(group, `${system}-shipper`, clientPath('shipper'));
  await shipper.request('configure', shipperSpec, 10_000);
  const processes = Math.min(4, Math.max(1, Math.ceil(sockets / 25)));
  const viewers: ClientProcess[] = [];
  for (let i = 0; i < processes; i++) {
    const share = Math.floor(sockets / processes) + (i < sockets % processes ? 1 : 0);
    const viewer = forkClient(group, `${system}-viewer-${i}`, clientPath('viewer'));
    await viewer.request('connect', { ...viewerSpec, sockets: share }, 30_000);
    viewers.push(viewer);
  }
  return { system, server, shipper, viewers, viewerSpec };
}

export function clientPath(name: 'shipper' | 'viewer' | 'autocannon' | 'hostile'): string {
  return join(BENCH_DIR, 'clients', `${name}.client.ts`);
}

export interface StreamFigures extends GcFigures {
  offered: number;
  /** What the generator managed to produce per second; below `offered` means the machine was short. */
  produced: number;
  /** Unique entries delivered per second, from the first produced to the last received. */
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  /** Entries some healthy viewer never received, summed over viewers. */
  lost: number;
  /** Entries the shipper could not deliver to the server (HTTP errors or backlog left at the end). */
  rejected: number;
  duplicates: number;
  /** Entries the server reported as dropped for slow viewers. */
  dropped: number;
  /** With `perSecond`: the first viewer's p99 and worst latency per second of the run. */
  perSecond?: { p99: number; max: number; count: number }[];
  /** Cores the server process used over the run (CPU seconds per second). */
  serverCores: number;
  /** Cores all viewer processes used together, up to their last arrival. */
  viewerCores: number;
  /** Viewer CPU per entry delivered to one socket, µs: what decoding one entry costs a client. */
  viewerMicrosPerEntry: number;
  /** How long the server's main thread waited for a core, ms per second of the run (Linux). */
  serverWaitedForCore: number;
  /** With `tail`: whose garbage collection the lines at or above p99 overlapped. */
  tail?: TailAttribution;
}

export interface StreamRun {
  rate: number;
  seconds: number;
  label: string;
  /** Viewers measured; others (a stalled one) are left alone. */
  viewers?: ClientProcess[];
  /** Started when the shipper starts; the function it returns runs when shipping ends. */
  whileShipping?: () => () => void;
  /** Also report p99 and worst latency per second of the run (the first viewer's). */
  perSecond?: boolean;
  /** Also lay the slowest lines against each process's GC pauses (one viewer process). */
  tail?: boolean;
}

let runCounter = 0;

/** One measured run: viewers armed, shipper offers `rate` for `seconds`, viewers drain, figures. */
export async function measureStream(rig: StreamRig, run: StreamRun): Promise<StreamFigures> {
  const viewers = run.viewers ?? rig.viewers;
  const tag = `${rig.system}${process.pid}r${++runCounter}`;
  const maxIds = Math.ceil(run.rate * run.seconds * 1.1) + 1000;
  await Promise.all(
    viewers.map((viewer) =>
      viewer.request(
        'begin',
        { run: tag, maxIds, perSecond: run.perSecond, tail: run.tail },
        10_000,
      ),
    ),
  );
  let received = 0;
  for (const viewer of viewers) {
    viewer.onProgress = (counters) => {
      received = counters['received'] ?? received;
    };
  }
  rig.shipper.onProgress = (counters) =>
    progress(
      `${run.label}: produced ${counters['generated']}, accepted ${counters['accepted']}, viewer 1 has ${received}`,
    );
  await gcPausesOf(rig.server);
  if (run.tail) await takeGcIntervals(rig, viewers);
  const serverCpuBefore = await cpuTimeOf(rig.server);
  const serverWaitBefore = runQueueWaitMs(rig.server.process.pid);
  const stopSideTask = run.whileShipping?.() ?? (() => undefined);
  const shipped = await rig.shipper
    .request<ShipResult>(
      'ship',
      { run: tag, rate: run.rate, seconds: run.seconds, drainMs: 5000 },
      (run.seconds + 30) * 1000,
    )
    .finally(stopSideTask);
  if (shipped.failedRequests > 0) {
    console.log(
      `\n${run.label}: ${shipped.failedRequests} requests failed (last: ${shipped.lastError})`,
    );
  }
  const ends = await Promise.all(
    viewers.map((viewer) =>
      viewer.request<ViewerRunResult>(
        'end',
        { expected: shipped.accepted, graceMs: 1500, capMs: 10_000 },
        30_000,
      ),
    ),
  );
  const serverCpu = (await cpuTimeOf(rig.server)) - serverCpuBefore;
  const serverWait = runQueueWaitMs(rig.server.process.pid) - serverWaitBefore;
  const measured = figures(run, shipped, ends, await gcPausesOf(rig.server), serverCpu, serverWait);
  if (run.tail) {
    const pauses = await takeGcIntervals(rig, viewers);
    measured.tail = attributeTail(ends[0]?.tail ?? [], pauses);
  }
  return measured;
}

/** Every process's GC pauses since the previous call (the first viewer process's only). */
async function takeGcIntervals(rig: StreamRig, viewers: ClientProcess[]) {
  const [server, viewer, shipper] = await Promise.all([
    gcIntervalsOf(rig.server),
    viewers[0]?.request<number[]>('gcIntervals', {}, 10_000) ?? [],
    rig.shipper.request<number[]>('gcIntervals', {}, 10_000),
  ]);
  return { server, viewer, shipper };
}

function figures(
  run: StreamRun,
  shipped: ShipResult,
  ends: ViewerRunResult[],
  gcPauses: GcPauses,
  serverCpuMicros: number,
  serverWaitMs: number,
): StreamFigures {
  const histogram = new LatencyHistogram();
  let lost = 0;
  let duplicates = 0;
  let dropped = 0;
  let delivered = 0;
  let sockets = 0;
  let lastReceivedAt = 0;
  let viewerCpuMicros = 0;
  for (const end of ends) {
    viewerCpuMicros += end.cpuMicros;
    histogram.merge(LatencyHistogram.fromSparse(end.histogram));
    lastReceivedAt = Math.max(lastReceivedAt, end.lastReceivedAt);
    for (const socket of end.perSocket) {
      lost += Math.max(0, shipped.generated - socket.unique);
      duplicates += socket.duplicates;
      dropped += socket.dropped;
      delivered += socket.unique;
      sockets++;
    }
  }
  const span = (Math.max(lastReceivedAt, shipped.endedAt) - shipped.startedAt) / 1000;
  return {
    offered: run.rate,
    produced: shipped.generated / run.seconds,
    achieved: sockets > 0 && span > 0 ? delivered / sockets / span : 0,
    p50: histogram.percentile(50),
    p95: histogram.percentile(95),
    p99: histogram.percentile(99),
    lost,
    rejected: shipped.rejected,
    duplicates,
    dropped,
    perSecond: ends[0]?.perSecond,
    serverCores: span > 0 ? serverCpuMicros / 1e6 / span : 0,
    viewerCores: span > 0 ? viewerCpuMicros / 1e6 / span : 0,
    viewerMicrosPerEntry: delivered > 0 ? viewerCpuMicros / delivered : 0,
    serverWaitedForCore: span > 0 ? serverWaitMs / span : Number.NaN,
    ...gcFigures(gcPauses, span),
  };
}
