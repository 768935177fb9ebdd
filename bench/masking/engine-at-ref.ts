import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
// The engine's entry point inside a tree: this checkout's, or an extracted ref's.
const ENGINE_ENTRY = join('libs', 'masking', 'src', 'index.ts');
/** This checkout's engine, for a process that loads one engine by path. */
export const THIS_ENGINE = join(REPO_ROOT, ENGINE_ENTRY);

/** Extracts a git ref's masking sources into a temporary directory; `cleanUp` removes it. */
export function extractEngineAt(ref: string): { entry: string; cleanUp: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'masking-ref-'));
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
