import { availableParallelism } from 'node:os';
import type { ResultRow, TargetVerdict } from '../support/results';
import { keysOf, runScenario, summaryRow } from '../support/scenario';
import { summarize } from '../support/stats';
import { measureStream, SHIPPER, startRig, stopRig, type StreamFigures } from '../support/stream';

/** BENCH_VIEWERS=100 and BENCH_RATES=10000 narrow a run while investigating; the record uses all. */
const VIEWERS = listFrom('BENCH_VIEWERS', [1, 10, 100]);
const RATES = listFrom('BENCH_RATES', [1_000, 10_000, 50_000]);
const SYSTEMS: ('frontail' | 'redtail')[] = ['frontail', 'redtail'];
const FIGURES = {
  achieved: 'entries/s',
  p50: 'ms',
  p95: 'ms',
  p99: 'ms',
  lost: 'entries',
  dropped: 'entries',
  serverCores: 'cores',
  viewerCores: 'cores',
  viewerMicrosPerEntry: 'µs',
} as const;
/** Cores of the machine the whole rig shares: server, shipper and every viewer process. */
const CORES = availableParallelism();

runScenario(
  {
    scenario: 'latency',
    title: 'End-to-end latency: 1, 10 and 100 viewers',
    description:
      'POST (NDJSON batches from a shipper process) → receipt in Socket.IO viewers in up to four ' +
      'viewer processes, at 1k / 10k / 50k entries/s offered; frontail in the same run as the ' +
      'baseline. "lost" sums, over viewers, the entries a viewer never received; "dropped" is ' +
      'what Redtail told slow viewers it discarded for them. A system that fell behind in a run ' +
      'gets a fresh server, shipper and viewers before the next one, so its backlog is not ' +
      'drained on the cores the next run measures (until 2026-12-03 it was).',
  },
  async ({ options, group }) => {
    const seconds = Math.max(1, options.seconds / 2);
    const runs = new Map<string, StreamFigures[]>();
    for (const viewers of VIEWERS) {
      const rigs = {
        frontail: await startRig(group, 'frontail', viewers),
        redtail: await startRig(group, 'redtail', viewers),
      };
      // A 100-viewer cell saturates the viewer processes and runs into the drain cap; once is enough.
      const repeats = viewers >= 100 ? 1 : options.repeats;
      for (const rate of RATES) {
        for (let repeat = 0; repeat < repeats; repeat++) {
          const order = repeat % 2 === 0 ? SYSTEMS : [...SYSTEMS].reverse();
          for (const system of order) {
            const label = `${system} ${viewers} viewers ${rate}/s run ${repeat + 1}/${repeats}`;
            const figures = await measureStream(rigs[system], { rate, seconds, label });
            const key = `${system}/${viewers}/${rate}`;
            runs.set(key, [...(runs.get(key) ?? []), figures]);
            // A system that fell behind is still sending its backlog to its viewers after the
            // run: a core the next run (the other system's) would not have. A fresh rig instead.
            if (figures.lost + figures.rejected > 0) {
              await stopRig(rigs[system]);
              rigs[system] = await startRig(group, system, viewers);
            }
          }
        }
      }
      for (const rig of Object.values(rigs)) await stopRig(rig);
    }
    const rows: ResultRow[] = VIEWERS.flatMap((viewers) =>
      RATES.flatMap((rate) =>
        SYSTEMS.map((system) =>
          summaryRow(
            system,
            { viewers, rate },
            runs.get(`${system}/${viewers}/${rate}`) ?? [],
            keysOf(FIGURES),
          ),
        ),
      ),
    );
    return {
      settings: {
        secondsPerRun: seconds,
        repeats: options.repeats,
        repeatsAt100Viewers: 1,
        ...SHIPPER,
      },
      figures: FIGURES,
      rows,
      targets: [tenByTen(runs), ...losslessCells(runs), hundredAtTenThousand(runs)],
      notes: [
        'Viewers share this machine with the server and the generator: "viewerCores" is what all ' +
          'viewer processes used together, "viewerMicrosPerEntry" what decoding one entry cost one ' +
          'of them.',
        ...clientBound(runs),
      ],
    };
  },
);

function tenByTen(runs: Map<string, StreamFigures[]>): TargetVerdict {
  const target = '10 viewers at 10k/s: p99 ≤ 25 ms, zero loss';
  const figures = runs.get('redtail/10/10000');
  if (!figures?.length) return { target, met: null, detail: 'not measured' };
  const p99 = summarize(figures.map((figure) => figure.p99)).median;
  const lost = Math.max(...figures.map((figure) => figure.lost + figure.rejected));
  return { target, met: p99 <= 25 && lost === 0, detail: `p99 ${p99} ms, lost ≤ ${lost}` };
}

/** Issue #19's fourth ask: a hundred viewers at 10k lines/s lose nothing. */
function hundredAtTenThousand(runs: Map<string, StreamFigures[]>): TargetVerdict {
  const target = '100 viewers at 10k/s: zero loss (issue #19)';
  const figures = runs.get('redtail/100/10000');
  if (!figures?.length) return { target, met: null, detail: 'not measured' };
  const lost = Math.max(...figures.map((figure) => figure.lost + figure.rejected));
  const p99 = summarize(figures.map((figure) => figure.p99)).median;
  return { target, met: lost === 0, detail: `lost ≤ ${lost}, p99 ${p99} ms` };
}

/** The issue asks for zero loss for healthy viewers in every cell; one verdict per viewer count. */
function losslessCells(runs: Map<string, StreamFigures[]>): TargetVerdict[] {
  return VIEWERS.map((viewers) => {
    const lossy = RATES.filter((rate) =>
      (runs.get(`redtail/${viewers}/${rate}`) ?? []).some(
        (figure) => figure.lost + figure.rejected > 0,
      ),
    );
    return {
      target: `${viewers} viewer(s), every rate: zero loss`,
      met: lossy.length === 0,
      detail:
        lossy.length === 0
          ? 'no entry lost'
          : `loss at ${lossy.map((rate) => `${rate / 1000}k/s`).join(', ')}`,
    };
  });
}

/**
 * Where a lossy 100-viewer cell is the clients' limit, not the server's: the CPU the viewers
 * would need to decode every entry on every socket, from what one entry cost them in this run.
 */
function clientBound(runs: Map<string, StreamFigures[]>): string[] {
  return RATES.flatMap((rate) => {
    const figures = runs.get(`redtail/100/${rate}`) ?? [];
    const lossy = figures.filter((figure) => figure.lost > 0);
    if (lossy.length === 0) return [];
    const perEntry = summarize(lossy.map((figure) => figure.viewerMicrosPerEntry)).median;
    const needed = (perEntry * rate * 100) / 1e6;
    return [
      `100 viewers at ${rate / 1000}k/s: decoding ${rate * 100} entries/s at ` +
        `${perEntry.toFixed(1)} µs each needs ${needed.toFixed(1)} cores of viewer CPU alone, ` +
        `on a machine whose ${CORES} cores also run the server and the shipper: the viewers ` +
        'cannot keep up, whatever the server does. Browsers each decode on their own machine.',
    ];
  });
}

function listFrom(variable: string, all: number[]): number[] {
  return process.env[variable]?.split(',').map(Number) ?? all;
}
