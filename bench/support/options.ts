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

export function benchOptions(argv: string[] = process.argv): BenchOptions {
  const quick = argv.includes('--quick') || process.env['BENCH_QUICK'] === '1';
  const base = quick
    ? { quick, repeats: 1, seconds: 1.5, soakSeconds: 6 }
    : { quick, repeats: 3, seconds: 6, soakSeconds: 60 };
  const override = (name: string) => Number(process.env[name]) || undefined;
  return {
    ...base,
    repeats: override('BENCH_REPEATS') ?? base.repeats,
    seconds: override('BENCH_SECONDS') ?? base.seconds,
  };
}
