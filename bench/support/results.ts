import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, type Machine } from './machine';
import type { BenchOptions } from './options';
import type { Summary } from './stats';

export const BENCH_DIR = join(__dirname, '..');
export const WORKSPACE_DIR = join(BENCH_DIR, '..');

export function resultsDir(quick: boolean): string {
  return quick ? join(BENCH_DIR, 'results', 'quick') : join(BENCH_DIR, 'results');
}

/** One line of a scenario's table: a system under some parameters, each figure over the repeats. */
export interface ResultRow {
  system: string;
  params: Record<string, string | number>;
  figures: Record<string, Summary>;
}

export interface TargetVerdict {
  target: string;
  /** `null` when the run could not decide (the scenario or its baseline did not run). */
  met: boolean | null;
  detail: string;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  description: string;
  date: string;
  quick: boolean;
  machine: Machine;
  settings: Record<string, string | number | boolean>;
  /** Figure name → unit, in column order. */
  figures: Record<string, string>;
  rows: ResultRow[];
  targets: TargetVerdict[];
  notes: string[];
}

export type ScenarioDraft = Omit<ScenarioResult, 'date' | 'quick' | 'machine'>;

export function writeResult(options: BenchOptions, draft: ScenarioDraft): string {
  const result: ScenarioResult = {
    ...draft,
    date: new Date().toISOString(),
    quick: options.quick,
    machine: describeMachine(),
  };
  const dir = resultsDir(options.quick);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${draft.scenario}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
