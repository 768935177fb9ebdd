import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Masker, MaskingOptions } from '@redtail/masking';
import { createMasker } from '@redtail/masking';
import { generateCorpus, seededRandom } from './corpus';

/**
 * A/B of this checkout's masking engine against the engine of a git ref (default `main`), for
 * changes meant to make it faster without changing what it masks:
 *
 * 1. speed: both engines race over the bench corpus, alternating within each run so that the
 *    noise of a shared machine falls on both alike, before anything else has run in the process;
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
const REPO_ROOT = join(__dirname, '..', '..');
// The engine's entry point inside an extracted tree, loaded at run time from a temporary copy.
const ENGINE_ENTRY = join('libs', 'masking', 'src', 'index.ts');
// Fixed so both engines derive the same pseudonyms; never a real key.
const PSEUDONYM_KEY = new Uint8Array(32).map((_, i) => i + 1);

const flag = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];

/** Extracts the ref's masking sources into a temporary directory and loads its engine. */
function loadEngineAt(ref: string): { create: typeof createMasker; cleanUp: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'masking-ab-'));
  const archive = execFileSync('git', ['archive', ref, 'libs/masking/src'], {
    cwd: REPO_ROOT,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', directory], { input: archive });
  const entry = join(directory, ENGINE_ENTRY);
  const engine = require(entry) as {
    createMasker: typeof createMasker;
  };
  return {
    create: engine.createMasker,
    cleanUp: () => rmSync(directory, { recursive: true, force: true }),
  };
}

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

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function main(): void {
  const ref = flag('ref') ?? 'main';
  const megabytes = Number(flag('mb') ?? 20);
  const runs = Number(flag('runs') ?? 5);
  const { create: oldEngine, cleanUp } = loadEngineAt(ref);
  try {
    const bench = generateCorpus(megabytes * 1e6, { seed: CORPUS_SEED });
    // The race comes first: the identity pass feeds both engines every kind of input, which
    // leaves V8's type feedback unlike a fresh process's (the official bench's), and not to the
    // same degree for both engines.
    const contenders = [
      { name: `${ref}`, masker: oldEngine() },
      { name: 'this checkout', masker: createMasker() },
    ];
    const warmUp = bench.lines.slice(0, 50_000);
    for (const { masker } of contenders) for (let i = 0; i < 3; i++) timeRun(masker, warmUp);
    const timings = new Map(contenders.map(({ name }) => [name, [] as number[]]));
    const cpuTimings = new Map(contenders.map(({ name }) => [name, [] as number[]]));
    for (let run = 1; run <= runs; run++) {
      // Alternate which engine goes first, so neither always follows the other's garbage.
      const order = run % 2 === 1 ? contenders : [...contenders].reverse();
      for (const { name, masker } of order) {
        const { wall, cpu } = timeRun(masker, bench.lines);
        timings.get(name)?.push(bench.bytes / 1e6 / wall);
        cpuTimings.get(name)?.push(bench.bytes / 1e6 / cpu);
        process.stderr.write(
          `  run ${run}/${runs}  ${name.padEnd(14)} ${(bench.bytes / 1e6 / wall).toFixed(1)} MB/s\n`,
        );
      }
    }
    for (const { name } of contenders) {
      const wall = timings.get(name) ?? [];
      const cpu = cpuTimings.get(name) ?? [];
      console.log(
        `${name.padEnd(14)} median ${median(wall).toFixed(1)} MB/s wall (${Math.min(...wall).toFixed(1)}–${Math.max(...wall).toFixed(1)}), ${median(cpu).toFixed(1)} MB/s CPU`,
      );
    }
    const labelled = labelledLines();
    const identityLines = [...labelled, ...variants(labelled), ...bench.lines];
    console.log(`identity: ${identityLines.length} inputs × ${MODES.length} modes against ${ref}`);
    const differences = countDifferences(identityLines, oldEngine, createMasker);
    console.log(`differing outputs: ${differences}`);
    if (differences > 0) process.exitCode = 1;
  } finally {
    cleanUp();
  }
}

main();
