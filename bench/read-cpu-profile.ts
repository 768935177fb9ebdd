import { readFileSync } from 'node:fs';
import { busyByWindow, type CpuProfile, hotLines, selfTimes } from './support/cpu-profile';

/**
 * `npm run bench:read-profile -- <file.cpuprofile> [--from=s] [--to=s] [--window=s] [--top=n]`
 * reads a profile the server wrote under `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…"`
 * (or any `.cpuprofile`): how busy its thread was in each window, which functions held the
 * samples between `--from` and `--to` (seconds since the profile started), and for the top
 * functions the source lines of the built file that held them. A single slow statement shows
 * in the last table (bench/findings.md, 2026-12-03: one object spread, 9 µs per entry).
 */
const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
const option = (name: string, fallback: number): number => {
  const value = args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value === undefined ? fallback : Number(value);
};
if (!file) {
  console.error(
    'usage: read-cpu-profile.ts <file.cpuprofile> [--from=s] [--to=s] [--window=s] [--top=n]',
  );
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const from = option('from', 0);
const to = option('to', Infinity);
const top = option('top', 25);
const windowSeconds = option('window', 1);
const percent = (share: number) => `${(share * 100).toFixed(0).padStart(3)} %`;

console.log(`Busy per ${windowSeconds} s window (GC share in brackets):`);
for (const window of busyByWindow(profile, windowSeconds)) {
  console.log(
    `  ${window.from.toFixed(1).padStart(6)} s  ${percent(window.busy)} (${percent(window.gc)})`,
  );
}

const within = (time: number) => {
  const seconds = (time - profile.startTime) / 1e6;
  return seconds >= from && seconds <= to;
};
const { all, functions } = selfTimes(profile, within);
console.log(`\nSelf time from ${from} s to ${to} s: ${(all / 1000).toFixed(0)} ms busy`);
for (const [label, us] of functions.slice(0, top)) {
  console.log(`  ${percent(us / all)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${label}`);
}

console.log('\nWhere the top functions spent their samples (line: samples, whole profile):');
for (const [label] of functions.slice(0, Math.min(top, 8))) {
  const lines = hotLines(profile, label).slice(0, 5);
  if (lines.length)
    console.log(`  ${label}\n    ${lines.map(([line, ticks]) => `${line}: ${ticks}`).join('  ')}`);
}
