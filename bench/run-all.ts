import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateReport } from './report';
import { announce } from './support/progress';
import { benchOptions } from './support/options';
import { BENCH_DIR, WORKSPACE_DIR } from './support/results';
import { ensurePeers } from './support/servers';

/**
 * `npm run bench [-- --quick] [-- --no-build] [-- ingest race …]`: builds the
 * production API and dashboard, runs each scenario in its own process (one
 * failing does not stop the rest), then regenerates docs/benchmarks.md.
 */
const SCENARIOS: Record<string, string> = {
  ingest: 'scenarios/ingest.bench.ts',
  batch: 'scenarios/batch.bench.ts',
  otlp: 'scenarios/otlp.bench.ts',
  latency: 'scenarios/latency.bench.ts',
  race: 'scenarios/race.bench.ts',
  'race-issue19': 'scenarios/race.bench.ts',
  'cold-start': 'scenarios/cold-start.bench.ts',
  'stream-door': 'scenarios/stream-door.bench.ts',
  memory: 'scenarios/memory.bench.ts',
  'slow-viewer': 'scenarios/slow-viewer.bench.ts',
  hostile: 'scenarios/hostile.bench.ts',
  masking: 'masking/masking.bench.ts',
  soak: 'scenarios/soak.bench.ts',
  profile: 'scenarios/profile.bench.ts',
  cluster: 'scenarios/cluster.bench.ts',
};
/** Scenarios that run a file in another configuration. */
const SCENARIO_ENV: Record<string, Record<string, string>> = {
  'race-issue19': { RACE_CONFIG: 'issue19' },
};
/** A scenario that outlives this is stuck; the full suite needs about a quarter of it. */
const SCENARIO_TIMEOUT_MS = 15 * 60_000;

async function main(): Promise<void> {
  const options = benchOptions();
  const args = process.argv.slice(2);
  const picked = args.filter((arg) => !arg.startsWith('--'));
  const unknown = picked.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  const names = picked.length > 0 ? picked : Object.keys(SCENARIOS);
  const started = Date.now();

  if (!args.includes('--no-build')) build();
  ensurePeers();

  const outcomes: string[] = [];
  for (const name of names) {
    const file = join(BENCH_DIR, SCENARIOS[name]);
    if (!existsSync(file)) {
      outcomes.push(`${name}: skipped (${SCENARIOS[name]} does not exist yet)`);
      continue;
    }
    const scenarioStarted = Date.now();
    const code = await runScenarioFile(file, options.quick, SCENARIO_ENV[name] ?? {});
    const seconds = Math.round((Date.now() - scenarioStarted) / 1000);
    outcomes.push(`${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s`);
    if (code !== 0) process.exitCode = 1;
  }
  const report = await generateReport(options.quick);
  announce(
    `\n${outcomes.join('\n')}\nreport → ${report} (${Math.round((Date.now() - started) / 1000)} s in all)`,
  );
}

function build(): void {
  for (const project of ['api', 'dashboard']) {
    announce(`building ${project} (production)…`);
    const result = spawnSync('npx', ['nx', 'build', project], {
      cwd: WORKSPACE_DIR,
      stdio: 'inherit',
    });
    if (result.status !== 0 && project === 'api') throw new Error('`npx nx build api` failed');
    if (result.status !== 0) announce('dashboard build failed: the browser soak will say so');
  }
}

function runScenarioFile(
  file: string,
  quick: boolean,
  env: Record<string, string>,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', file, ...(quick ? ['--quick'] : [])],
      {
        cwd: WORKSPACE_DIR,
        env: { ...process.env, ...env, ...(quick ? { BENCH_QUICK: '1' } : {}) },
        stdio: 'inherit',
      },
    );
    const timer = setTimeout(() => {
      announce(`${file} exceeded ${SCENARIO_TIMEOUT_MS / 60_000} min; stopping it`);
      if (child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    }, SCENARIO_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
