/**
 * Does sizing V8's young generation shorten the server's GC pauses? Runs the per-entry pipeline
 * (`warmUp`: parse, validate, mask, encode, seal, store, encode for the socket) over 300 000
 * made-up entries in a child process per young-generation setting, the settings alternating
 * round by round so a busy machine weighs on each alike, and prints the garbage collector's
 * pauses and CPU per 10 000 entries. The evidence behind "GC" in bench/findings.md; not a
 * scenario of `npm run bench`.
 *
 *   npm run bench:young-generation            # 3 rounds
 *   npm run bench:young-generation -- 5
 */
import { execFileSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { validateEnv } from '../src/app/env';
import { warmUp } from '../src/logs/pipeline-warmup';

const ENTRIES = 300_000;
/** V8's default on 64-bit Node 20 is a 16 MiB semi-space (a young generation of 2 × 16 MiB). */
const SETTINGS = [
  [],
  ['--max-semi-space-size=8'],
  ['--max-semi-space-size=32'],
  ['--max-semi-space-size=64'],
  ['--min-semi-space-size=16', '--max-semi-space-size=32'],
];
/** GC entry kinds in perf_hooks (`PerformanceEntry.detail.kind`). */
const MINOR = 1;

interface Figures {
  cpuMsPer10k: number;
  minorPauses: number;
  gcMsPer10k: number;
  p50: number;
  p99: number;
  max: number;
}

/** In the child: one measured run after an unmeasured one, as JSON on stdout. */
async function measure(): Promise<Figures> {
  const pauses: { ms: number; kind: number }[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail: { kind: number } };
      pauses.push({ ms: entry.duration, kind: detail.kind });
    }
  }).observe({ entryTypes: ['gc'] });
  const env = validateEnv({ REDTAIL_AUTH: 'off' });
  await warmUp(env, 20_000, 60_000);
  pauses.length = 0;
  const cpu = process.cpuUsage();
  const ran = await warmUp(env, ENTRIES, 600_000);
  const used = process.cpuUsage(cpu);
  const sorted = pauses.map((pause) => pause.ms).sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
  const per10k = (ms: number) => (ms / ran) * 10_000;
  return {
    cpuMsPer10k: per10k((used.user + used.system) / 1000),
    minorPauses: pauses.filter((pause) => pause.kind === MINOR).length,
    gcMsPer10k: per10k(sorted.reduce((sum, ms) => sum + ms, 0)),
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
  };
}

function main(): void {
  const rounds = Number(process.argv[2] ?? 3);
  const rows: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const flags of SETTINGS) {
      const output = execFileSync(
        process.execPath,
        [...flags, ...process.execArgv, __filename, 'child'],
        { encoding: 'utf8' },
      );
      const figures = JSON.parse(output) as Figures;
      const cells = [
        flags.join(' ') || 'default',
        ...Object.values(figures).map((value) => value.toFixed(1)),
      ];
      rows.push(`round ${round} | ${cells.join(' | ')}`);
      console.log(rows[rows.length - 1]);
    }
  }
}

if (process.argv[2] === 'child') {
  void measure().then((figures) => process.stdout.write(JSON.stringify(figures)));
} else {
  console.log('round | setting | CPU ms/10k | scavenges | GC ms/10k | pause p50 | p99 | max (ms)');
  main();
}
