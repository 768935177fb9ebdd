import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import type { createMasker as CreateMasker } from '@redtail/masking';
import { generateCorpus, type BenchCorpus } from './corpus';
import { THIS_ENGINE } from './engine-at-ref';
import { naiveMask } from './naive-baseline';
import { compileAsShipped } from './shipped-form';

const CORPUS_SEED = 42;
const WARM_UP_LINES = 50_000;
const WARM_UP_PASSES = 3;

interface Settings {
  megabytes: number;
  runs: number;
  /** Where to write the JSON result; undefined for a smoke run, which writes nothing. */
  resultFile: string | undefined;
}

const RESULTS_DIR = join(__dirname, '..', 'results');

/**
 * `--smoke`: 2 MB once, nothing written. `--quick` (or BENCH_QUICK=1, as `npm run bench -- --quick`
 * passes it): 10 MB three times, written beside the other quick results. Default: 100 MB five
 * times. `--mb=N` / BENCH_MASKING_MB and `--runs=N` / BENCH_MASKING_RUNS override either.
 */
function readSettings(argv: readonly string[]): Settings {
  const smoke = argv.includes('--smoke');
  const quick = !smoke && (argv.includes('--quick') || process.env['BENCH_QUICK'] === '1');
  const flag = (name: string): string | undefined =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const preset = smoke ? { mb: 2, runs: 1 } : quick ? { mb: 10, runs: 3 } : { mb: 100, runs: 5 };
  const megabytes = Number(flag('mb') ?? process.env['BENCH_MASKING_MB'] ?? preset.mb);
  const runs = Number(flag('runs') ?? process.env['BENCH_MASKING_RUNS'] ?? preset.runs);
  if (!(megabytes > 0) || !Number.isInteger(runs) || runs < 1) {
    throw new Error('usage: masking.bench.ts [--smoke | --quick] [--mb=100] [--runs=5]');
  }
  const resultFile = smoke
    ? undefined
    : join(RESULTS_DIR, ...(quick ? ['quick'] : []), 'masking.json');
  return { megabytes, runs, resultFile };
}

interface Contender {
  name: string;
  mask: (line: string) => string;
}

interface RunResult {
  seconds: number;
  /**
   * CPU time of all of this process's threads (JIT and GC helpers too): steadier than wall
   * time on a shared machine.
   */
  cpuSeconds: number;
  changedLines: number;
}

function timeRun(contender: Contender, lines: readonly string[]): RunResult {
  let changedLines = 0;
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (const line of lines) {
    if (contender.mask(line) !== line) changedLines++;
  }
  const cpu = process.cpuUsage(cpuStarted);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, changedLines };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const summary = (values: readonly number[]) => ({
  median: Math.round(median(values)),
  min: Math.round(Math.min(...values)),
  max: Math.round(Math.max(...values)),
});

function race(contenders: readonly Contender[], corpus: BenchCorpus, runs: number) {
  // Enough calls for V8 to optimise every hot path before the clock starts, even on a smoke run.
  const warmUp = corpus.lines.slice(0, WARM_UP_LINES);
  for (const contender of contenders) {
    for (let pass = 0; pass < WARM_UP_PASSES; pass++) timeRun(contender, warmUp);
  }
  const timings = new Map<string, RunResult[]>(contenders.map((c) => [c.name, []]));
  for (let run = 1; run <= runs; run++) {
    // Alternating contenders within each run spreads machine noise evenly over both.
    for (const contender of contenders) {
      const result = timeRun(contender, corpus.lines);
      timings.get(contender.name)?.push(result);
      const megabytesPerSecond = corpus.bytes / 1e6 / result.seconds;
      process.stderr.write(
        `  run ${run}/${runs}  ${contender.name.padEnd(16)} ${megabytesPerSecond.toFixed(1)} MB/s\n`,
      );
    }
  }
  return contenders.map(({ name }) => {
    const results = timings.get(name) ?? [];
    return {
      name,
      mbPerSecond: summary(results.map((r) => corpus.bytes / 1e6 / r.seconds)),
      linesPerSecond: summary(results.map((r) => corpus.lines.length / r.seconds)),
      cpuMbPerSecond: summary(results.map((r) => corpus.bytes / 1e6 / r.cpuSeconds)),
      changedLines: results[0]?.changedLines ?? 0,
    };
  });
}

/** The engine as the API's build compiles it: the code that ships, not swc-node's form of it. */
function loadShippedEngine(): typeof CreateMasker {
  const { entry, cleanUp } = compileAsShipped(THIS_ENGINE);
  try {
    // Every module of the engine is loaded here, so the compiled files can go at once.
    return (require(entry) as { createMasker: typeof CreateMasker }).createMasker;
  } finally {
    cleanUp();
  }
}

function main(): void {
  const settings = readSettings(process.argv.slice(2));
  process.stderr.write(`generating ${settings.megabytes} MB corpus…\n`);
  const corpus = generateCorpus(settings.megabytes * 1e6, { seed: CORPUS_SEED });
  const masker = loadShippedEngine()();
  const contenders: Contender[] = [
    { name: 'engine (redact)', mask: (line) => masker.maskText(line).value },
    { name: 'naive two-regex', mask: naiveMask },
  ];
  const results = race(contenders, corpus, settings.runs);

  const report = {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      node: process.version,
      // Other work on the machine slows every contender; the load average says how much there was.
      loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
    },
    date: new Date().toISOString(),
    corpus: {
      bytes: corpus.bytes,
      lines: corpus.lines.length,
      sensitiveLines: corpus.sensitiveLines,
      seed: CORPUS_SEED,
    },
    runs: settings.runs,
    results,
  };
  printReport(report);
  if (settings.resultFile !== undefined) writeReport(report, settings.resultFile);
}

type Report = {
  machine: { cores: number; loadAverage: number[] };
  corpus: { bytes: number; lines: number; sensitiveLines: number };
  runs: number;
  results: ReturnType<typeof race>;
};

function printReport({ machine, corpus, runs, results }: Report): void {
  console.log(`\nload average ${machine.loadAverage.join(' ')} on ${machine.cores} cores`);
  console.log(
    `corpus ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.lines} lines, ${corpus.sensitiveLines} with PII; ${runs} run(s), median (min–max)`,
  );
  for (const {
    name,
    mbPerSecond: mb,
    linesPerSecond: lps,
    cpuMbPerSecond: cpu,
    changedLines,
  } of results) {
    console.log(
      `${name.padEnd(16)} ${mb.median} MB/s (${mb.min}–${mb.max})  ${lps.median} lines/s (${lps.min}–${lps.max})  CPU-time ${cpu.median} MB/s  changed ${changedLines} lines`,
    );
  }
}

function writeReport(report: Report, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

main();
