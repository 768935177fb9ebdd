import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// Types only: a process loads the engines it runs, and the race's children one engine each.
import type { createMasker, Masker, MaskingOptions } from '@redtail/masking';
import { generateCorpus, seededRandom } from './corpus';
import { extractEngineAt, REPO_ROOT, THIS_ENGINE } from './engine-at-ref';
import { compileAsShipped } from './shipped-form';

/**
 * A/B of this checkout's masking engine against the engine of a git ref (default `main`), for
 * changes meant to make it faster without changing what it masks:
 *
 * 1. speed: both engines race over the bench corpus, alternating within each run so that the
 *    noise of a shared machine falls on both alike, each pass in a fresh process that loads only
 *    the engine it times (see `raceChild`);
 * 2. identity: every line of the bench corpus, of all labelled corpora and of seeded variants of
 *    them (cut, joined, case-flipped) is masked by both engines in every mode, as text and, where
 *    it parses, as JSON; any differing output is counted and the first few are printed.
 *
 * `--ref=<git ref>` `--mb=N` (bench corpus size, default 20) `--runs=N` (default 5).
 * Exits with status 1 when any output differs.
 */

const CORPUS_SEED = 42;
const VARIANT_SEED = 7;
const VARIANTS_PER_LINE = 4;
const MAX_PRINTED_DIFFERENCES = 10;
// Fixed so both engines derive the same pseudonyms; never a real key.
const PSEUDONYM_KEY = new Uint8Array(32).map((_, i) => i + 1);

const flag = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];

const CORPUS_DIR = join(REPO_ROOT, 'libs/masking/src/corpus');
// `⟦TYPE|value⟧`: how the independent corpora label a value; the log text is the value alone.
const LABEL = /⟦[^|⟧]*\|([^⟧]*)⟧/g;

/**
 * Every line of the labelled corpora (the gated `.tsv` files, the independent and the held-out
 * corpus), read as plain text: the labels do not matter here, only that both engines see the
 * formats they were written for. A `>>>`…`<<<` block is also masked as one text.
 */
function labelledLines(): string[] {
  const lines: string[] = [];
  for (const directory of ['', 'independent', 'held-out']) {
    const path = join(CORPUS_DIR, directory);
    for (const file of readdirSync(path).filter((name) => /\.(tsv|txt)$/.test(name))) {
      const rows = readFileSync(join(path, file), 'utf8').replace(LABEL, '$1').split('\n');
      let block: string[] | undefined;
      for (const row of rows) {
        if (row === '>>>') {
          block = [];
        } else if (row === '<<<') {
          lines.push((block ?? []).join('\n'));
          block = undefined;
        } else if (row !== '' && !row.startsWith('#')) {
          block?.push(row);
          const tsv = file.endsWith('.tsv');
          lines.push(tsv ? row.slice(row.indexOf('\t') + 1).replace(/\\n/g, '\n') : row);
        }
      }
    }
  }
  return lines;
}

/**
 * Seeded variants that put the corpus' triggers in positions no author wrote: cut at both ends,
 * two lines joined with a blank or a newline, case flipped, a line repeated.
 */
function variants(lines: readonly string[]): string[] {
  const random = seededRandom(VARIANT_SEED);
  const pick = (): string => lines[Math.floor(random() * lines.length)] ?? '';
  const out: string[] = [];
  for (const line of lines) {
    for (let i = 0; i < VARIANTS_PER_LINE; i++) {
      const cut = Math.floor(random() * line.length);
      const end = cut + Math.floor(random() * (line.length - cut + 1));
      out.push(line.slice(cut, end));
      out.push(`${line.slice(cut)}${random() < 0.5 ? ' ' : '\n'}${pick().slice(0, end)}`);
    }
    out.push(line.toUpperCase(), line.toLowerCase(), `${line} ${line}`);
  }
  return out;
}

const MODES: readonly MaskingOptions[] = [
  {},
  { mode: 'partial' },
  { mode: 'pseudonym', pseudonymKey: PSEUDONYM_KEY },
];

function parsedJson(line: string): unknown {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** Masks every line with both engines in every mode; returns how many outputs differ. */
function countDifferences(
  lines: readonly string[],
  oldEngine: typeof createMasker,
  newEngine: typeof createMasker,
): number {
  let differences = 0;
  const report = (what: string, line: string, before: unknown, after: unknown): void => {
    differences++;
    if (differences <= MAX_PRINTED_DIFFERENCES) {
      console.log(`DIFF (${what}) ${JSON.stringify(line)}\n  ref:  ${before}\n  this: ${after}`);
    }
  };
  for (const options of MODES) {
    const before: Masker = oldEngine(options);
    const after: Masker = newEngine(options);
    const mode = options.mode ?? 'redact';
    for (const line of lines) {
      const a = before.maskText(line);
      const b = after.maskText(line);
      if (a.value !== b.value || JSON.stringify(a.counts) !== JSON.stringify(b.counts)) {
        report(`text, ${mode}`, line, JSON.stringify(a), JSON.stringify(b));
      }
      const json = parsedJson(line);
      if (json === undefined) continue;
      const aJson = JSON.stringify(before.maskJson(json));
      const bJson = JSON.stringify(after.maskJson(json));
      if (aJson !== bJson) report(`json, ${mode}`, line, aJson, bJson);
    }
  }
  return differences;
}

function timeRun(masker: Masker, lines: readonly string[]): { wall: number; cpu: number } {
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  let changed = 0;
  for (const line of lines) if (masker.maskText(line).value !== line) changed++;
  const cpu = process.cpuUsage(cpuStarted);
  // `changed` keeps the loop's result alive, so no engine can optimise the work away.
  if (changed < 0) throw new Error('unreachable');
  return {
    wall: Number(process.hrtime.bigint() - started) / 1e9,
    cpu: (cpu.user + cpu.system) / 1e6,
  };
}

/**
 * One timed pass in a process of its own, with only the engine at `--entry` loaded: with two
 * copies of the engine in one process V8 optimised one of them worse (the same sources ran 1.5 ×
 * the instructions, `npm run bench:masking-instructions`), which made a one-process race unfair.
 */
function raceChild(): void {
  const create = (require(flag('entry') ?? THIS_ENGINE) as { createMasker: typeof createMasker })
    .createMasker;
  const bench = generateCorpus(Number(flag('mb')) * 1e6, { seed: CORPUS_SEED });
  const masker = create();
  const warmUp = bench.lines.slice(0, 50_000);
  for (let i = 0; i < 3; i++) timeRun(masker, warmUp);
  const { wall, cpu } = timeRun(masker, bench.lines);
  process.stdout.write(
    `${JSON.stringify({ wall: bench.bytes / 1e6 / wall, cpu: bench.bytes / 1e6 / cpu })}\n`,
  );
}

function racePass(entry: string, megabytes: number): { wall: number; cpu: number } {
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, __filename, '--race-child', `--entry=${entry}`, `--mb=${megabytes}`],
    { cwd: REPO_ROOT, encoding: 'utf8', env: process.env },
  );
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as { wall: number; cpu: number };
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Alternating runs, each engine in a fresh process per run; prints the medians. */
function race(
  contenders: readonly { name: string; entry: string }[],
  megabytes: number,
  runs: number,
): void {
  const timings = new Map(contenders.map(({ name }) => [name, [] as number[]]));
  const cpuTimings = new Map(contenders.map(({ name }) => [name, [] as number[]]));
  for (let run = 1; run <= runs; run++) {
    // Alternate which engine goes first, so neither always runs on the warmer machine.
    const order = run % 2 === 1 ? contenders : [...contenders].reverse();
    for (const { name, entry } of order) {
      const { wall, cpu } = racePass(entry, megabytes);
      timings.get(name)?.push(wall);
      cpuTimings.get(name)?.push(cpu);
      process.stderr.write(`  run ${run}/${runs}  ${name.padEnd(14)} ${wall.toFixed(1)} MB/s\n`);
    }
  }
  for (const { name } of contenders) {
    const wall = timings.get(name) ?? [];
    const cpu = cpuTimings.get(name) ?? [];
    console.log(
      `${name.padEnd(14)} median ${median(wall).toFixed(1)} MB/s wall (${Math.min(...wall).toFixed(1)}–${Math.max(...wall).toFixed(1)}), ${median(cpu).toFixed(1)} MB/s CPU`,
    );
  }
}

function main(): void {
  if (process.argv.includes('--race-child')) {
    raceChild();
    return;
  }
  const ref = flag('ref') ?? 'main';
  const megabytes = Number(flag('mb') ?? 20);
  const runs = Number(flag('runs') ?? 5);
  const { entry, cleanUp } = extractEngineAt(ref);
  // Timed as the API's build compiles them; the identity check below reads the sources.
  const shippedRef = compileAsShipped(entry);
  const shippedThis = compileAsShipped(THIS_ENGINE);
  try {
    race(
      [
        { name: ref, entry: shippedRef.entry },
        { name: 'this checkout', entry: shippedThis.entry },
      ],
      megabytes,
      runs,
    );
    const load = (path: string): typeof createMasker =>
      (require(path) as { createMasker: typeof createMasker }).createMasker;
    const [oldEngine, newEngine] = [load(entry), load(THIS_ENGINE)];
    const bench = generateCorpus(megabytes * 1e6, { seed: CORPUS_SEED });
    const labelled = labelledLines();
    const identityLines = [...labelled, ...variants(labelled), ...bench.lines];
    console.log(`identity: ${identityLines.length} inputs × ${MODES.length} modes against ${ref}`);
    const differences = countDifferences(identityLines, oldEngine, newEngine);
    console.log(`differing outputs: ${differences}`);
    if (differences > 0) process.exitCode = 1;
  } finally {
    shippedRef.cleanUp();
    shippedThis.cleanUp();
    cleanUp();
  }
}

main();
