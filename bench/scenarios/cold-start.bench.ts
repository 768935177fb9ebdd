import type { ResultRow, TargetVerdict } from '../support/results';
import { runScenario } from '../support/scenario';
import { summarize } from '../support/stats';
import { measureStream, startRig, type StreamFigures, type SystemName } from '../support/stream';

/** BENCH_RATES=5000 runs it at a rate a busy machine still keeps up with (a quick run). */
const RATE = Number(process.env['BENCH_RATES']?.split(',')[0]) || 50_000;
const SECONDS = 6;
/** A stall is a second whose worst line took longer than this to reach the viewer. */
const STALL_MS = 100;
/**
 * The product as shipped (it warms its pipeline, then its doors and live socket, up before
 * listening) against the same build with only the pipeline warm-up, and with none.
 */
const SETUPS: {
  name: string;
  system: SystemName;
  env: Record<string, string>;
  /** The product as shipped: the target is for these; the others are the "before". */
  shipped: boolean;
}[] = [
  {
    name: 'no warm-up',
    system: 'redtail',
    env: { REDTAIL_WARMUP_ENTRIES: '0', REDTAIL_WARMUP_LINES: '0' },
    shipped: false,
  },
  {
    name: 'pipeline warm-up only',
    system: 'redtail',
    env: { REDTAIL_WARMUP_LINES: '0' },
    shipped: false,
  },
  { name: 'warm-up', system: 'redtail', env: {}, shipped: true },
  { name: 'warm-up, stream door', system: 'redtail-stream', env: {}, shipped: true },
];

/** `COLD_START_SETUPS='warm-up, stream door'` (names, `;` between them: a name holds a comma) runs only those setups: an investigation. */
const CHOSEN_SETUPS = process.env['COLD_START_SETUPS']?.split(';').map((name) => name.trim());
const RUN_SETUPS = CHOSEN_SETUPS
  ? SETUPS.filter((setup) => CHOSEN_SETUPS.includes(setup.name))
  : SETUPS;

runScenario(
  {
    scenario: 'cold-start',
    title: `Cold start: the first seconds of a fresh server at ${RATE / 1000}k lines/s`,
    description:
      `A freshly started server (no request before) gets ${RATE / 1000}k lines/s for ${SECONDS} s ` +
      'straight away, one viewer subscribed; latency p99 and worst case per second of the run ' +
      '(by when the line was produced), and the server’s GC pauses. Then the same ' +
      `${SECONDS} s again on the now-warm server. Each repeat starts a new server, once with the ` +
      'pipeline warm-up turned off (REDTAIL_WARMUP_ENTRIES=0), once as shipped, and once as ' +
      'shipped but fed over one POST /logs/stream instead of a request per batch.',
  },
  async ({ options, group }) => {
    // A smoke run is one short repeat; BENCH_REPEATS and BENCH_SECONDS still say how many and
    // how long (an A/B of two builds needs the full runs, on the quick results' side).
    const repeats = options.repeats;
    const seconds = process.env['BENCH_SECONDS'] ? options.seconds : options.quick ? 3 : SECONDS;
    const runs = new Map<string, StreamFigures[]>();
    const record = (key: string, figures: StreamFigures) =>
      runs.set(key, [...(runs.get(key) ?? []), figures]);
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const setup of RUN_SETUPS) {
        const rig = await startRig(group, setup.system, 1, setup.env);
        const run = (label: string) =>
          measureStream(rig, {
            rate: RATE,
            seconds,
            label: `${setup.name}: ${label}, run ${repeat + 1}/${repeats}`,
            perSecond: true,
          });
        record(`${setup.name} fresh`, await run('fresh server'));
        record(`${setup.name} warm`, await run('same server warm'));
        for (const child of [...rig.viewers, rig.shipper, rig.server.process]) await child.stop();
      }
    }
    const rows: ResultRow[] = [];
    for (const setup of RUN_SETUPS) {
      for (const phase of ['fresh', 'warm'] as const) {
        const system = `${setup.name} ${phase}`;
        const phaseRuns = runs.get(system) ?? [];
        for (let second = 0; second < seconds; second++) {
          const at = (figure: StreamFigures) => figure.perSecond?.[second];
          rows.push({
            system,
            params: { second: second + 1 },
            figures: {
              p99: summarize(phaseRuns.map((run) => at(run)?.p99 ?? NaN)),
              max: summarize(phaseRuns.map((run) => at(run)?.max ?? NaN)),
              lines: summarize(phaseRuns.map((run) => at(run)?.count ?? 0)),
            },
          });
        }
        rows.push({
          system,
          params: { second: 'all' },
          figures: {
            p99: summarize(phaseRuns.map((run) => run.p99)),
            gcMaxPause: summarize(phaseRuns.map((run) => run.gcMaxPause)),
            lost: summarize(phaseRuns.map((run) => run.lost + run.rejected)),
          },
        });
      }
    }
    return {
      settings: { rate: RATE, seconds, repeats, viewers: 1, stallMs: STALL_MS },
      figures: { p99: 'ms', max: 'ms', lines: 'lines', gcMaxPause: 'ms', lost: 'lines' },
      rows,
      targets: RUN_SETUPS.filter((setup) => setup.shipped).map((setup) =>
        verdict(setup.name, runs.get(`${setup.name} fresh`) ?? []),
      ),
      // The warm-ups turned off: what a fresh server did before them, measured in the same run.
      notes: RUN_SETUPS.filter((setup) => !setup.shipped).map(
        (setup) =>
          `Before (${setup.name}, not a target): ` +
          verdict(setup.name, runs.get(`${setup.name} fresh`) ?? []).detail,
      ),
    };
  },
);

function verdict(setup: string, cold: StreamFigures[]): TargetVerdict {
  const worst = Math.max(
    ...cold.flatMap((run) => (run.perSecond ?? []).map((second) => second.max)),
  );
  return {
    target: `No cold-start stall (${setup}): no line of the first seconds waits more than ${STALL_MS} ms`,
    met: Number.isFinite(worst) ? worst <= STALL_MS : null,
    detail: `worst line in the first ${cold[0]?.perSecond?.length ?? 0} s of a fresh server: ${worst.toFixed(0)} ms`,
  };
}
