/**
 * Durations for a full run and for the `--quick` smoke run. A quick run only
 * proves the harness works end to end; its figures are too short to quote, so
 * it writes to `bench/results/quick/` and never overwrites the record.
 */
export interface BenchOptions {
  quick: boolean;
  /** Repeated runs per measurement; figures are the median with min–max. */
  repeats: number;
  /** Length of one measured run, in seconds. */
  seconds: number;
  /** Length of the slow-viewer and browser-soak runs, in seconds. */
  soakSeconds: number;
}

/**
 * Knobs for investigating one thing (`BENCH_SECONDS=6 BENCH_REPEATS=1`, `BENCH_RATES` in the race
 * and the latency scenario, `BENCH_VIEWERS` in the latency scenario, `BENCH_PER_SECOND`, `BENCH_TAIL` and `RACE_CORES` in the race, `BENCH_SOAK_SECONDS` and
 * `SOAK_PROFILE=1`, `SOAK_TASK_CPU=1`, `SOAK_ALLOCATIONS=1`, `SOAK_CORES`, `SOAK_DOOR` and `SOAK_FIELDS` in the browser soak, `COLD_START_SETUPS` in the cold start, `BENCH_SERVER_NODE_ARGS` for the server's node flags, `BENCH_SERVER_MAIN` for another build of it, `BENCH_SERVER_ALLOCATIONS` for its allocation profile). A
 * run that sets any of them is not the suite as specified, so it counts as a quick run and never
 * overwrites the record.
 */
const INVESTIGATION_KNOBS = [
  'BENCH_SECONDS',
  'BENCH_REPEATS',
  'BENCH_RATES',
  'BENCH_VIEWERS',
  'BENCH_PER_SECOND',
  'BENCH_TAIL',
  'RACE_CORES',
  'BENCH_SERVER_NODE_ARGS',
  // Another build of the server is what an A/B compares, never the record.
  'BENCH_SERVER_MAIN',
  'BENCH_SERVER_ALLOCATIONS',
  'BENCH_SERVER_STDOUT',
  'BENCH_SOAK_SECONDS',
  // A profiler or a trace in the page slows it down: its figures are for finding causes, not for
  // the record.
  'SOAK_PROFILE',
  'SOAK_TASK_CPU',
  'SOAK_ALLOCATIONS',
  // Another placing of the browser and the server is a layout to compare, not the scenario.
  'SOAK_CORES',
  // Another ingest door for the soak's shipper is a comparison, not the scenario.
  'SOAK_DOOR',
  // So are field columns, which bring the context back into the live lines.
  'SOAK_FIELDS',
  // Some of the cold start's setups only: an A/B of one of them, not the scenario.
  'COLD_START_SETUPS',
];

export function benchOptions(argv: string[] = process.argv): BenchOptions {
  const quick =
    argv.includes('--quick') ||
    process.env['BENCH_QUICK'] === '1' ||
    INVESTIGATION_KNOBS.some((name) => process.env[name] !== undefined);
  const base = quick
    ? { quick, repeats: 1, seconds: 1.5, soakSeconds: 6 }
    : { quick, repeats: 3, seconds: 6, soakSeconds: 60 };
  const override = (name: string) => Number(process.env[name]) || undefined;
  return {
    ...base,
    repeats: override('BENCH_REPEATS') ?? base.repeats,
    seconds: override('BENCH_SECONDS') ?? base.seconds,
    soakSeconds: override('BENCH_SOAK_SECONDS') ?? base.soakSeconds,
  };
}
