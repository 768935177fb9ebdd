import { execFileSync, spawnSync } from 'node:child_process';
import type { createMasker } from '@redtail/masking';
import { generateCorpus } from './corpus';
import { extractEngineAt, REPO_ROOT, THIS_ENGINE } from './engine-at-ref';
import { compileAsShipped } from './shipped-form';

/**
 * Instructions the masking engine executes per MB of the bench corpus, counted by Valgrind
 * (cachegrind without its cache model) under `node --predictable`, which makes V8 single-threaded
 * and its JIT decisions repeatable: the same code gives the same count to within 0.1 %, where
 * wall-clock MB/s on this VM moves by 2× from one hour to the next. Use it to compare two
 * versions of the engine (`--ref=<git ref>`), not as the speed itself; `npm run bench:masking`
 * stays the record of MB/s.
 *
 * Each engine runs twice, with FEW and MANY passes over a 2 MB corpus; the difference divided
 * by the extra passes leaves out start-up, corpus generation and compilation.
 *
 * Both are compiled as the API's build compiles them (shipped-form.ts), so the count is of the
 * code that ships. `--ref=<git ref>` also counts that ref's engine. Needs `valgrind`
 * (`apt-get install valgrind`).
 */

const CORPUS_MB = 2;
const CORPUS_SEED = 42;
const FEW = 5;
const MANY = 15;

const flag = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];

/** The child: mask the corpus `passes` times with the engine at `entry` (or this checkout's). */
function maskPasses(passes: number, entry: string | undefined): void {
  // Only the engine under test is loaded: with a second copy in the process, V8 optimised the
  // extracted one worse (1.5 × the instructions for the same sources).
  const create = (require(entry ?? THIS_ENGINE) as { createMasker: typeof createMasker })
    .createMasker;
  const masker = create();
  const { lines } = generateCorpus(CORPUS_MB * 1e6, { seed: CORPUS_SEED });
  let changed = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const line of lines) if (masker.maskText(line).value !== line) changed++;
  }
  process.stdout.write(`${changed}\n`);
}

/** Total instructions of one child run, from cachegrind's summary. */
function countInstructions(passes: number, entry: string | undefined): number {
  const child = spawnSync(
    'valgrind',
    [
      '--tool=cachegrind',
      '--cache-sim=no',
      '--cachegrind-out-file=/dev/null',
      process.execPath,
      '--predictable',
      '-r',
      '@swc-node/register',
      __filename,
      '--child',
      `--passes=${passes}`,
      ...(entry ? [`--entry=${entry}`] : []),
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', env: process.env, maxBuffer: 1 << 26 },
  );
  const summary = /I\s+refs:\s+([\d,]+)/.exec(child.stderr ?? '');
  if (child.status !== 0 || !summary) {
    throw new Error(`valgrind run failed (${child.status}): ${(child.stderr ?? '').slice(-500)}`);
  }
  return Number((summary[1] as string).replace(/,/g, ''));
}

/** Counted on the engine whose `index.ts` is `sourceEntry`, compiled as the API's build does. */
function instructionsPerMegabyte(sourceEntry: string): number {
  const { entry, cleanUp } = compileAsShipped(sourceEntry);
  try {
    const few = countInstructions(FEW, entry);
    const many = countInstructions(MANY, entry);
    return (many - few) / (MANY - FEW) / CORPUS_MB;
  } finally {
    cleanUp();
  }
}

function main(): void {
  if (process.argv.includes('--child')) {
    maskPasses(Number(flag('passes')), flag('entry'));
    return;
  }
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('valgrind is not installed: apt-get install -y valgrind');
  }
  const ref = flag('ref');
  const rows: [string, number][] = [['this checkout', instructionsPerMegabyte(THIS_ENGINE)]];
  if (ref) {
    const { entry, cleanUp } = extractEngineAt(ref);
    try {
      rows.push([ref, instructionsPerMegabyte(entry)]);
    } finally {
      cleanUp();
    }
  }
  const [, base] = rows[0] as [string, number];
  for (const [name, perMegabyte] of rows) {
    const relative =
      name === 'this checkout'
        ? ''
        : `  (this checkout executes ${(base / perMegabyte).toFixed(3)} ×)`;
    console.log(
      `${name.padEnd(16)} ${(perMegabyte / 1e6).toFixed(1)} M instructions per MB${relative}`,
    );
  }
}

main();
