import { placeLoopApart, requestedRaceCoreLayout } from '../support/core-layout';
import { keysOf, runScenario, summaryRow } from '../support/scenario';
import { summarize } from '../support/stats';
import type { ResultRow, TargetVerdict } from '../support/results';
import type { ShipResult } from '../clients/shipper.client';
import { forkClient, type ProcessGroup } from '../support/processes';
import { gcFigures, gcPausesOf, KEYS, startBareNest, type GcFigures } from '../support/servers';
import {
  clientPath,
  measureStream,
  SHIPPER,
  type ShipperSettings,
  startRig,
  stopRig,
  type StreamFigures,
  type StreamRig,
  type SystemName,
} from '../support/stream';

/** BENCH_RATES=1000,10000 narrows a run while investigating; the record uses all four. */
const RATES = (process.env['BENCH_RATES'] ?? '1000,10000,20000,50000').split(',').map(Number);
/** BENCH_PER_SECOND=1 prints each run's p99 and worst line per second, to see where a tail sits. */
const PER_SECOND = process.env['BENCH_PER_SECOND'] === '1';
/**
 * BENCH_TAIL=1 prints, for each run, whose garbage collection (server, viewer, shipper) the lines
 * at or above p99 were in flight during, and how long the server's main thread waited for a core.
 */
const TAIL = process.env['BENCH_TAIL'] === '1';
/** RACE_CORES=loop-apart gives each server's event loop a core of its own (core-layout.ts). */
const CORE_LAYOUT = requestedRaceCoreLayout();

interface RaceConfig {
  scenario: string;
  title: string;
  shipping: ShipperSettings;
  /** Unmeasured seconds at each rate first, for every system: JIT and heap sizing settle. */
  warmUpSeconds: number;
  /** A new server (and clients) for every measured run, so each starts cold. */
  freshServer: boolean;
  description: string;
}

/**
 * `RACE_CONFIG=issue19` is the race as issue #19 measured it by hand: 100-entry batches
 * leaving every 10 ms (sooner when full), personal data in every line, no warm-up, and a
 * freshly started server for every run. The default is the suite's own race.
 */
const CONFIGS: Record<'suite' | 'issue19', RaceConfig> = {
  suite: {
    scenario: 'race',
    title: 'Race the peers: one viewer, 1k–50k lines/s',
    shipping: SHIPPER,
    warmUpSeconds: 2,
    freshServer: false,
    description:
      `Redtail receives NDJSON batches of ≤ ${SHIPPER.batchMax} entries, one per generator ` +
      'tick (≈ 1 ms; the same generator appends to frontail’s file at that cadence), one line ' +
      'in twenty carrying personal data. Every system runs unmeasured for 2 s at each rate first.',
  },
  issue19: {
    scenario: 'race-issue19',
    title: 'Race the peers as issue #19 measured: fresh servers, PII in every line',
    shipping: { batchMax: 100, flushMs: 10, maxInFlight: 8, pii: 'every' },
    warmUpSeconds: 0,
    freshServer: true,
    description:
      'Redtail receives 100-entry NDJSON batches every 10 ms (sooner when full); frontail’s file ' +
      'is appended at the same cadence; every line carries personal data; no warm-up, and every ' +
      'run starts a fresh server.',
  },
};
const CONFIG = CONFIGS[process.env['RACE_CONFIG'] === 'issue19' ? 'issue19' : 'suite'];
const SYSTEMS: SystemName[] = ['frontail', 'redtail', 'redtail-stream'];
/** The systems racing frontail. */
const CONTENDERS: SystemName[] = ['redtail', 'redtail-stream'];
const FIGURES = {
  achieved: 'lines/s',
  p50: 'ms',
  p99: 'ms',
  lost: 'lines',
  rejected: 'lines',
  produced: 'lines/s',
  gcMaxPause: 'ms',
  gcPausePerSecond: 'ms/s',
  serverCores: 'cores',
  serverWaitedForCore: 'ms/s',
} as const;
/** Throughput medians within 1 % are the same figure on this machine. */
const THROUGHPUT_TOLERANCE = 0.99;

runScenario(
  {
    scenario: CONFIG.scenario,
    title: CONFIG.title,
    description:
      'One viewer; frontail tails a file the generator appends to. ' +
      CONFIG.description +
      ' "redtail" is fed by POST /logs/batch, "redtail-stream" by the same batches written as ' +
      'chunks of one long POST /logs/stream. Latency is from the moment the generator ' +
      'produced a line to its arrival in the viewer process. gcMaxPause and gcPausePerSecond are ' +
      'the server process’s garbage-collection pauses during the run (perf_hooks), for both; ' +
      'serverCores is the server’s CPU time per second of the run, and serverWaitedForCore how long ' +
      'its main thread was ready to run but waited for a core, per second (Linux schedstat): on two ' +
      'cores shared with the shipper and the viewer, what each line may queue behind; the ' +
      '"bare NestJS (GC only)" rows are the bare route of the ingest scenario fed by the same ' +
      'shipper at the same rate, with no viewer: what the HTTP stack alone pauses for.',
  },
  async ({ options, group }) => {
    const runs = new Map<string, StreamFigures[]>();
    const shared = new Map<SystemName, StreamRig>();
    const startPlaced = async (system: SystemName) => {
      const rig = await startRig(group, system, 1, {}, CONFIG.shipping);
      if (CORE_LAYOUT === 'loop-apart') {
        placeLoopApart(
          rig.server.process.pid,
          [rig.shipper, ...rig.viewers].map((client) => client.pid),
        );
      }
      return rig;
    };
    const rigFor = async (system: SystemName) => {
      if (CONFIG.freshServer) return startPlaced(system);
      const rig = shared.get(system) ?? (await startPlaced(system));
      shared.set(system, rig);
      return rig;
    };
    for (const rate of RATES) {
      if (CONFIG.warmUpSeconds > 0) {
        for (const system of SYSTEMS) {
          const label = `${system} ${rate}/s warm-up`;
          const rig = await rigFor(system);
          await measureStream(rig, { rate, seconds: CONFIG.warmUpSeconds, label });
        }
      }
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        // Each system goes first as often as it goes last.
        const order = SYSTEMS.map((_, index) => SYSTEMS[(index + repeat) % SYSTEMS.length]);
        for (const system of order) {
          const label = `${system} ${rate}/s run ${repeat + 1}/${options.repeats}`;
          const rig = await rigFor(system);
          const figures = await measureStream(rig, {
            rate,
            seconds: options.seconds,
            label,
            perSecond: PER_SECOND,
            tail: TAIL,
          });
          if (PER_SECOND) printPerSecond(label, figures);
          if (TAIL) printTail(label, figures);
          if (CONFIG.freshServer) await stopRig(rig);
          const key = `${system}@${rate}`;
          runs.set(key, [...(runs.get(key) ?? []), figures]);
        }
      }
    }
    const frameworkGc = await bareNestGcAtEachRate(group, options.seconds);
    const rows: ResultRow[] = RATES.flatMap((rate) => [
      ...SYSTEMS.map((system) =>
        summaryRow(system, { rate }, runs.get(`${system}@${rate}`) ?? [], keysOf(FIGURES)),
      ),
      summaryRow('bare NestJS (GC only)', { rate }, frameworkGc.get(rate) ?? [], [
        'gcMaxPause',
        'gcPausePerSecond',
      ]),
    ]);
    return {
      settings: {
        secondsPerRun: options.seconds,
        repeats: options.repeats,
        viewers: 1,
        warmUpSeconds: CONFIG.warmUpSeconds,
        freshServer: CONFIG.freshServer,
        cores: CORE_LAYOUT,
        ...CONFIG.shipping,
      },
      figures: FIGURES,
      rows,
      targets: RATES.flatMap((rate) => CONTENDERS.map((system) => verdict(system, rate, runs))),
      notes: [],
    };
  },
);

/**
 * The framework's own share of the tail: the bare NestJS route (parse every line, 201) fed by
 * the same shipper at each rate, with no viewer, and its garbage-collection pauses recorded.
 * Its pauses next to Redtail's show how much of Redtail's p99 the HTTP stack sets by itself.
 */
async function bareNestGcAtEachRate(
  group: ProcessGroup,
  seconds: number,
): Promise<Map<number, GcFigures[]>> {
  const bare = await startBareNest(group);
  const shipper = forkClient(group, 'bare-nest-shipper', clientPath('shipper'));
  await shipper.request(
    'configure',
    { kind: 'redtail', url: bare.url, token: KEYS.ingest, ...CONFIG.shipping },
    10_000,
  );
  const results = new Map<number, GcFigures[]>();
  for (const rate of RATES) {
    const ship = (run: string, runSeconds: number) =>
      shipper.request<ShipResult>(
        'ship',
        { run, rate, seconds: runSeconds, drainMs: 5000 },
        (runSeconds + 30) * 1000,
      );
    if (CONFIG.warmUpSeconds > 0) await ship(`bare-warm-${rate}`, CONFIG.warmUpSeconds);
    await gcPausesOf(bare);
    const shipped = await ship(`bare-${rate}`, seconds);
    const span = (shipped.endedAt - shipped.startedAt) / 1000;
    results.set(rate, [gcFigures(await gcPausesOf(bare), span)]);
  }
  return results;
}

function printPerSecond(label: string, figures: StreamFigures): void {
  const seconds = (figures.perSecond ?? []).map(
    (second, index) => `${index}s ${second.p99}/${second.max} (${second.count})`,
  );
  console.log(`${label} p99/worst ms per second: ${seconds.join(' · ')}`);
}

function printTail(label: string, figures: StreamFigures): void {
  const percent = (share: number) => `${(share * 100).toFixed(0)} %`;
  const tail = figures.tail;
  const overlaps = tail
    ? `${tail.lines} lines ≥ p99 overlapped GC of the server ${percent(tail.serverGc)}, ` +
      `viewer ${percent(tail.viewerGc)}, shipper ${percent(tail.shipperGc)}, none ${percent(tail.noGc)}`
    : 'no tail recorded';
  console.log(
    `${label}: p50 ${figures.p50.toFixed(2)} p99 ${figures.p99.toFixed(2)} ms; ${overlaps}; ` +
      `server ${figures.serverCores.toFixed(2)} cores, waited for a core ` +
      `${figures.serverWaitedForCore.toFixed(1)} ms/s; GC max ${figures.gcMaxPause.toFixed(2)} ms, ` +
      `${figures.gcPausePerSecond.toFixed(1)} ms/s`,
  );
}

function verdict(
  system: SystemName,
  rate: number,
  runs: Map<string, StreamFigures[]>,
): TargetVerdict {
  const ours = rowOf(runs.get(`${system}@${rate}`));
  const theirs = rowOf(runs.get(`frontail@${rate}`));
  const target = `${system}, ${rate / 1000}k lines/s: throughput ≥ frontail, p99 ≤ frontail, zero loss`;
  if (!ours || !theirs) return { target, met: null, detail: 'not measured' };
  const throughputOk = ours.achieved >= theirs.achieved * THROUGHPUT_TOLERANCE;
  const latencyOk = ours.p99 <= theirs.p99;
  const lossless = ours.lostMax === 0;
  return {
    target,
    met: throughputOk && latencyOk && lossless,
    detail:
      `${system} ${ours.achieved.toFixed(0)}/s p99 ${ours.p99.toFixed(1)} ms lost ≤ ${ours.lostMax}; ` +
      `frontail ${theirs.achieved.toFixed(0)}/s p99 ${theirs.p99.toFixed(1)} ms lost ≤ ${theirs.lostMax}` +
      (throughputOk ? '' : ' — throughput behind') +
      (latencyOk ? '' : ' — p99 behind') +
      (lossless ? '' : ' — lost entries'),
  };
}

function rowOf(figures: StreamFigures[] | undefined) {
  if (!figures || figures.length === 0) return undefined;
  const median = (values: number[]) => summarize(values).median;
  return {
    achieved: median(figures.map((figure) => figure.achieved)),
    p99: median(figures.map((figure) => figure.p99)),
    lostMax: Math.max(...figures.map((figure) => figure.lost + figure.rejected)),
  };
}
