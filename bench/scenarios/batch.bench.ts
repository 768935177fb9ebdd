import { availableParallelism } from 'node:os';
import type { LoadRequest, LoadResult } from '../clients/autocannon.client';
import type { ViewerRunResult } from '../clients/viewer.client';
import { now, redtailLine } from '@redtail/testing';
import { forkClient } from '../support/processes';
import { progress } from '../support/progress';
import { keysOf, runScenario, summaryRow } from '../support/scenario';
import {
  cpuTimeOf,
  KEYS,
  startBareNest,
  startRedtail,
  type RunningServer,
} from '../support/servers';
import { summarize } from '../support/stats';
import { clientPath } from '../support/stream';

const BATCH = 1000;
const BODIES = 10;
const CONNECTIONS = 4;
const TARGET = 150_000;
const FIGURES = {
  entriesPerSecond: 'entries/s',
  deliveredPerSecond: 'entries/s',
  delivered: '%',
  latencyP99: 'ms',
  serverCpuPerEntry: 'µs',
  serverCores: 'cores',
  viewerCpuPerEntry: 'µs',
  loaderCpuPerEntry: 'µs',
  failedRequests: 'requests',
} as const;

interface BatchFigures {
  entriesPerSecond: number;
  deliveredPerSecond: number;
  delivered: number;
  latencyP99: number;
  serverCpuPerEntry: number;
  serverCores: number;
  viewerCpuPerEntry: number;
  loaderCpuPerEntry: number;
  failedRequests: number;
}

runScenario(
  {
    scenario: 'batch',
    title: 'Batch ingest: NDJSON batches of 1 000',
    description:
      `autocannon in a child process, ${CONNECTIONS} connections posting NDJSON batches of ` +
      `${BATCH} distinct ~200-byte entries. Redtail masks, seals, stores and broadcasts every ` +
      'entry to one subscribed viewer (a separate process); "delivered" is what that viewer ' +
      'received, as a share of what the server stored. The baseline is the bare NestJS route that parses every line and returns 201. ' +
      'serverCpuPerEntry is the server process’s CPU time (user + system, all its threads) per ' +
      'stored entry; serverCores is that CPU time over the wall time of the run.',
  },
  async ({ options, group }) => {
    const bare = await startBareNest(group);
    const redtail = await startRedtail(group);
    const viewer = forkClient(group, 'viewer', clientPath('viewer'));
    await viewer.request(
      'connect',
      { kind: 'redtail', url: redtail.url, token: KEYS.viewer, sockets: 1 },
      30_000,
    );
    const loader = forkClient(group, 'autocannon', clientPath('autocannon'));

    const measure = async (system: string, server: RunningServer, seconds: number) => {
      const run = `batch${process.pid}${Math.random().toString(36).slice(2, 8)}`;
      const requests: LoadRequest[] = Array.from({ length: BODIES }, (_, body) => ({
        method: 'POST',
        path: '/logs/batch',
        headers: {
          'content-type': 'application/x-ndjson',
          ...(system === 'redtail' ? { authorization: `Bearer ${KEYS.ingest}` } : {}),
        },
        body: ndjson(run, body * BATCH),
      }));
      const before = system === 'redtail' ? await totalReceived(server) : 0;
      if (system === 'redtail') {
        await viewer.request('begin', { run, maxIds: BODIES * BATCH }, 10_000);
      }
      loader.onProgress = (counters) =>
        progress(`${system} batches: ${(counters['perSecond'] ?? 0) * BATCH} entries/s`);
      const cpuBefore = await cpuTimeOf(server);
      const startedAt = now();
      const load = await loader.request<LoadResult>(
        'run',
        { url: server.url, connections: CONNECTIONS, seconds, requests },
        (seconds + 30) * 1000,
      );
      let workEndedAt = now();
      const accepted = load.ok * BATCH;
      let received = accepted;
      let stored = accepted;
      let span = seconds;
      let viewerCpu = 0;
      if (system === 'redtail') {
        const end = await viewer.request<ViewerRunResult>(
          'end',
          { expected: Number.MAX_SAFE_INTEGER, graceMs: 1500, capMs: 20_000 },
          30_000,
        );
        received = end.perSocket[0]?.received ?? 0;
        // Requests still in flight when autocannon stops are processed too: count them from the server.
        stored = (await totalReceived(server)) - before;
        span = Math.max(seconds, (end.lastReceivedAt - end.firstReceivedAt) / 1000);
        workEndedAt = Math.max(workEndedAt, end.lastReceivedAt);
        viewerCpu = end.cpuMicros;
      }
      // CPU until everything stored was also delivered: the broadcast is part of the work.
      const cpu = (await cpuTimeOf(server)) - cpuBefore;
      const wall = (workEndedAt - startedAt) * 1000;
      return {
        entriesPerSecond: accepted / seconds,
        deliveredPerSecond: received / span,
        delivered: stored > 0 ? (received / stored) * 100 : 0,
        latencyP99: load.latencyP99,
        serverCpuPerEntry: stored > 0 ? cpu / stored : 0,
        serverCores: cpu / wall,
        viewerCpuPerEntry: stored > 0 ? viewerCpu / stored : 0,
        loaderCpuPerEntry: stored > 0 ? load.cpuMicros / stored : 0,
        failedRequests: load.non2xx + load.errors + load.timeouts,
      };
    };

    const systems: [string, RunningServer][] = [
      ['bare-nest', bare],
      ['redtail', redtail],
    ];
    for (const [system, server] of systems) await measure(system, server, options.quick ? 1 : 2);
    const runs = new Map<string, BatchFigures[]>();
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      const order = repeat % 2 === 0 ? systems : [...systems].reverse();
      for (const [system, server] of order) {
        const figures = await measure(system, server, options.seconds);
        runs.set(system, [...(runs.get(system) ?? []), figures]);
      }
    }
    const ours = runs.get('redtail') ?? [];
    const rate = summarize(ours.map((run) => run.entriesPerSecond)).median;
    const worstDelivery = Math.min(...ours.map((run) => run.delivered));
    const failures = ours.reduce((sum, run) => sum + run.failedRequests, 0);
    const medianOf = (key: keyof BatchFigures) => summarize(ours.map((run) => run[key])).median;
    const cpuPerEntry =
      medianOf('serverCpuPerEntry') + medianOf('viewerCpuPerEntry') + medianOf('loaderCpuPerEntry');
    const cores = availableParallelism();
    return {
      settings: {
        secondsPerRun: options.seconds,
        repeats: options.repeats,
        connections: CONNECTIONS,
        batch: BATCH,
      },
      figures: FIGURES,
      rows: systems.map(([system]) =>
        summaryRow(system, {}, runs.get(system) ?? [], keysOf(FIGURES)),
      ),
      targets: [
        {
          target: `Redtail ≥ ${TARGET.toLocaleString('en')} entries/s fully processed`,
          met: rate >= TARGET && worstDelivery >= 100 && failures === 0,
          detail:
            `${rate.toFixed(0)} entries/s accepted, ≥ ${worstDelivery.toFixed(1)} % delivered to the viewer` +
            (failures > 0 ? `, ${failures} failed requests` : ''),
        },
      ],
      notes: [
        `CPU per entry across the three processes: server ${medianOf('serverCpuPerEntry').toFixed(1)} ` +
          `+ viewer ${medianOf('viewerCpuPerEntry').toFixed(1)} + load generator ` +
          `${medianOf('loaderCpuPerEntry').toFixed(1)} = ${cpuPerEntry.toFixed(1)} µs, so ${cores} ` +
          `fully used cores could carry at most ≈ ${Math.round((cores * 1e6) / cpuPerEntry).toLocaleString('en')} ` +
          'entries/s even if the server’s work were spread over every core.',
      ],
    };
  },
);

async function totalReceived(server: RunningServer): Promise<number> {
  const response = await fetch(`${server.url}/logs/metrics`, {
    headers: { authorization: `Bearer ${KEYS.admin}` },
  });
  return ((await response.json()) as { totalReceived: number }).totalReceived;
}

function ndjson(run: string, from: number): string {
  const sentAt = now();
  const lines: string[] = [];
  for (let id = from; id < from + BATCH; id++) lines.push(redtailLine(id, { run, id, sentAt }));
  return `${lines.join('\n')}\n`;
}
