import { announce } from './progress';
import { benchOptions, type BenchOptions } from './options';
import { ProcessGroup } from './processes';
import { writeResult, type ResultRow, type ScenarioDraft } from './results';
import { summarize } from './stats';

export interface ScenarioContext {
  options: BenchOptions;
  group: ProcessGroup;
}

export interface ScenarioInfo {
  scenario: string;
  title: string;
  description: string;
}

/**
 * Runs one scenario file: everything it starts is stopped in `finally`; a
 * failure is written to its result too, so the report says the scenario did
 * not run instead of showing stale figures.
 */
export function runScenario(
  info: ScenarioInfo,
  body: (context: ScenarioContext) => Promise<Omit<ScenarioDraft, keyof ScenarioInfo>>,
): void {
  const options = benchOptions();
  const group = new ProcessGroup();
  const started = Date.now();
  announce(`▶ ${info.title}${options.quick ? ' (quick)' : ''}`);
  body({ options, group })
    .then(
      (draft) => ({ ...info, ...draft }),
      (error: unknown): ScenarioDraft => {
        process.exitCode = 1;
        const reason = error instanceof Error ? error.message : String(error);
        announce(`✗ ${info.scenario} failed: ${reason}`);
        return {
          ...info,
          settings: {},
          figures: {},
          rows: [],
          targets: [],
          notes: [`Did not complete in this run: ${reason.split('\n')[0]}`],
        };
      },
    )
    .then(async (draft) => {
      await group.stopAll();
      const file = writeResult(options, draft);
      announce(`✓ ${info.scenario} in ${Math.round((Date.now() - started) / 1000)} s → ${file}`);
    })
    .catch((error: unknown) => {
      process.exitCode = 1;
      console.error(error);
    })
    .finally(() => {
      // Clients that ignored their disconnect must not keep the scenario alive.
      setTimeout(() => process.exit(), 500).unref();
    });
}

/** Turns per-run figure objects into one summarised row. */
export function summaryRow<T extends object>(
  system: string,
  params: Record<string, string | number>,
  runs: T[],
  keys: (keyof T & string)[],
): ResultRow {
  const figures: ResultRow['figures'] = {};
  for (const key of keys) figures[key] = summarize(runs.map((run) => Number(run[key])));
  return { system, params, figures };
}

export function keysOf<T extends object>(figures: T): (keyof T & string)[] {
  return Object.keys(figures) as (keyof T & string)[];
}
