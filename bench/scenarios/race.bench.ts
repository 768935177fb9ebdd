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
  startRig,
  type StreamFigures,
  type SystemName,
} from '../support/stream';

/** BENCH_RATES=1000,10000 narrows a run while investigating; the record uses all four. */
const RATES = (process.env['BENCH_RATES'] ?? '1000,10000,20000,50000').split(',').map(Number);
/** Unmeasured seconds at each rate first, for both systems: JIT and heap sizing settle, then we measure. */
const WARM_UP_SECONDS = 2;
const SYSTEMS: SystemName[] = ['frontail', 'redtail'];
const FIGURES = {
  achieved: 'lines/s',
  p50: 'ms',
  p99: 'ms',
  lost: 'lines',
  rejected: 'lines',
  produced: 'lines/s',
  gcMaxPause: 'ms',
  gcPausePerSecond: 'ms/s',
} as const;
/** Throughput medians within 1 % are the same figure on this machine. */
const THROUGHPUT_TOLERANCE = 0.99;

runScenario(
  {
    scenario: 'race',
    title: 'Race the peers: one viewer, 1k–50k lines/s',
    description:
      'One viewer; frontail tails a file the generator appends to, Redtail receives NDJSON ' +
      `batches of ≤ ${SHIPPER.batchMax} entries, one per generator tick (≈ 1 ms; the same ` +
      'generator appends to frontail’s file at that cadence). Both systems run unmeasured for ' +
      `${WARM_UP_SECONDS} s at each rate first. Latency is from the moment the generator ` +
      'produced a line to its arrival in the viewer process. gcMaxPause and gcPausePerSecond are ' +
      'the server process’s garbage-collection pauses during the run (perf_hooks), for both; the ' +
      '"bare NestJS (GC only)" rows are the bare route of the ingest scenario fed by the same ' +
      'shipper at the same rate, with no viewer: what the HTTP stack alone pauses for.',
  },
  async ({ options, group }) => {
    const runs = new Map<string, StreamFigures[]>();
    const rigs = {
      frontail: await startRig(group, 'frontail', 1),
      redtail: await startRig(group, 'redtail', 1),
    };
    for (const rate of RATES) {
      for (const system of SYSTEMS) {
        const label = `${system} ${rate}/s warm-up`;
        await measureStream(rigs[system], { rate, seconds: WARM_UP_SECONDS, label });
      }
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        const order = repeat % 2 === 0 ? SYSTEMS : [...SYSTEMS].reverse();
        for (const system of order) {
          const label = `${system} ${rate}/s run ${repeat + 1}/${options.repeats}`;
          const figures = await measureStream(rigs[system], {
            rate,
            seconds: options.seconds,
            label,
          });
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
        warmUpSeconds: WARM_UP_SECONDS,
        ...SHIPPER,
      },
      figures: FIGURES,
      rows,
      targets: RATES.map((rate) => verdict(rate, runs)),
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
    { kind: 'redtail', url: bare.url, token: KEYS.ingest, ...SHIPPER },
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
    await ship(`bare-warm-${rate}`, WARM_UP_SECONDS);
    await gcPausesOf(bare);
    const shipped = await ship(`bare-${rate}`, seconds);
    const span = (shipped.endedAt - shipped.startedAt) / 1000;
    results.set(rate, [gcFigures(await gcPausesOf(bare), span)]);
  }
  return results;
}

function verdict(rate: number, runs: Map<string, StreamFigures[]>): TargetVerdict {
  const ours = rowOf(runs.get(`redtail@${rate}`));
  const theirs = rowOf(runs.get(`frontail@${rate}`));
  const target = `${rate / 1000}k lines/s: throughput ≥ frontail, p99 ≤ frontail, zero loss`;
  if (!ours || !theirs) return { target, met: null, detail: 'not measured' };
  const throughputOk = ours.achieved >= theirs.achieved * THROUGHPUT_TOLERANCE;
  const latencyOk = ours.p99 <= theirs.p99;
  const lossless = ours.lostMax === 0;
  return {
    target,
    met: throughputOk && latencyOk && lossless,
    detail:
      `Redtail ${ours.achieved.toFixed(0)}/s p99 ${ours.p99.toFixed(1)} ms lost ≤ ${ours.lostMax}; ` +
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
