import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

// The API's webpack build compiles every source with ts-loader in transpile-only mode
// (`@nx/webpack`, compiler `tsc`), under these options: one file at a time, so a `const enum` is
// not inlined, and to ES2021, so class fields become constructor assignments.
const API_TSCONFIG = join(__dirname, '..', '..', 'apps', 'api', 'tsconfig.app.json');

/**
 * Compiles the masking engine whose `index.ts` is `sourceEntry` (this checkout's, or a ref's
 * extracted by engine-at-ref.ts) the way this checkout's API build does, into a temporary
 * directory, and returns the compiled entry point. The benches load the engine this way so that
 * they measure the code that ships, not the form `@swc-node/register` would give it (which
 * inlines a const enum the API's build does not: 8 % of the scan's instructions once,
 * bench/findings.md).
 */
export function compileAsShipped(sourceEntry: string): { entry: string; cleanUp: () => void } {
  const options = apiCompilerOptions();
  const directory = mkdtempSync(join(tmpdir(), 'masking-shipped-'));
  const sourceRoot = dirname(sourceEntry);
  for (const file of typeScriptSources(sourceRoot)) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: options,
      fileName: file,
    }).outputText;
    const target = join(directory, relative(sourceRoot, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  return {
    entry: join(directory, 'index.js'),
    cleanUp: () => rmSync(directory, { recursive: true, force: true }),
  };
}

function apiCompilerOptions(): ts.CompilerOptions {
  const { config, error } = ts.readConfigFile(API_TSCONFIG, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(API_TSCONFIG));
  // Source maps and declarations change nothing the engine executes.
  return { ...parsed.options, sourceMap: false, inlineSourceMap: false, declaration: false };
}

function typeScriptSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typeScriptSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}
