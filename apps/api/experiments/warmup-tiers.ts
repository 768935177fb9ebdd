/**
 * Does the pipeline warm-up leave the per-entry functions optimised? Runs `warmUp` with the
 * given number of made-up entries (0 = a cold process) and prints V8's optimisation state of
 * the functions every ingested entry goes through. V8-internal evidence behind the cold-start
 * figures in docs/benchmarks.md, not a scenario of `npm run bench`.
 *
 *   npm run bench:warmup-tiers -- 20000
 */
import { validateEnv } from '../src/app/env';
import { encodeFields, liveRowText, toEntry } from '../src/logs/entry-codec';
import { normaliseLogInput } from '../src/logs/log-input';
import { LogService } from '../src/logs/log.service';
import { maskInput } from '../src/logs/mask-input';
import { warmUp } from '../src/logs/pipeline-warmup';
import { readBatch } from '../src/logs/request-body';
import { tierOf } from './v8-tier';

const FUNCTIONS: Record<string, unknown> = {
  'LogService.ingestBatch': LogService.prototype.ingestBatch,
  readBatch,
  normaliseLogInput,
  maskInput,
  encodeFields,
  toEntry,
  liveRowText,
};

async function main(): Promise<void> {
  const entries = Number(process.argv[2] ?? 20_000);
  const started = performance.now();
  const ran = await warmUp(validateEnv({ REDTAIL_AUTH: 'off' }), entries, 10_000);
  // Optimised code is compiled on a background thread; give it a moment to be installed.
  await new Promise((resolve) => setTimeout(resolve, 200));
  console.log(`warm-up: ${ran} entries in ${Math.round(performance.now() - started)} ms`);
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    console.log(`${name.padEnd(24)} ${tierOf(fn)}`);
  }
}

void main();
