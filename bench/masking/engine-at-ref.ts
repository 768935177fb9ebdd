import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { createMasker } from '@redtail/masking';

const REPO_ROOT = join(__dirname, '..', '..');
// Inside the repository (and git-ignored), so `@swc-node/register` compiles the ref's sources
// with the same settings as this checkout's: extracted under the system's temporary directory,
// the same engine ran 1.5 × the instructions (`npm run bench:masking-instructions -- --ref=HEAD`).
const EXTRACT_ROOT = join(REPO_ROOT, 'tmp');
// The engine's entry point inside an extracted tree, loaded at run time from a temporary copy.
const ENGINE_ENTRY = join('libs', 'masking', 'src', 'index.ts');

/** Extracts a git ref's masking sources into a temporary directory; `cleanUp` removes it. */
export function extractEngineAt(ref: string): { entry: string; cleanUp: () => void } {
  mkdirSync(EXTRACT_ROOT, { recursive: true });
  const directory = mkdtempSync(join(EXTRACT_ROOT, 'masking-ref-'));
  const archive = execFileSync('git', ['archive', ref, 'libs/masking/src'], {
    cwd: REPO_ROOT,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', directory], { input: archive });
  return {
    entry: join(directory, ENGINE_ENTRY),
    cleanUp: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** Loads a git ref's masking engine (see `extractEngineAt`). */
export function loadEngineAt(ref: string): { create: typeof createMasker; cleanUp: () => void } {
  const { entry, cleanUp } = extractEngineAt(ref);
  const engine = require(entry) as { createMasker: typeof createMasker };
  return { create: engine.createMasker, cleanUp };
}
