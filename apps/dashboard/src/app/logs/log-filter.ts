import { ParamMap, Params } from '@angular/router';
import {
  FILTER_LIMITS,
  compileLogFilter,
  isAtLeast,
  LOG_LEVELS,
  LogEntry,
  LogFilter,
  LogLevel,
  parseLogFilter,
} from '@redtail/contracts';

function isLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Reads a filter from the URL; unknown levels are ignored so a hand-edited link still opens. */
export function filterFromParams(params: ParamMap): LogFilter {
  const filter: LogFilter = {};
  const level = params.get('level');
  if (level && isLevel(level)) filter.level = level;
  const levels = list(params.get('levels')).filter(isLevel);
  if (levels.length) filter.levels = levels;
  const services = list(params.get('services'));
  if (services.length) filter.services = services;
  const q = params.get('q')?.trim();
  if (q) filter.q = q;
  const exclude = params.get('exclude')?.trim();
  if (exclude) filter.exclude = exclude;
  if (params.get('regex') === '1') filter.regex = true;
  // Repeated (`where=status=502&where=user.id=u-9`): a value may itself hold a comma.
  const where = params
    .getAll('where')
    .filter((condition) => parseLogFilter({ where: [condition] }).ok)
    .slice(0, FILTER_LIMITS.where);
  if (where.length) filter.where = [...new Set(where)];
  return filter;
}

/** Query params for a filter; `null` removes a param when merged into the current URL. */
export function filterToParams(filter: LogFilter): Params {
  return {
    level: filter.level ?? null,
    levels: filter.levels?.length ? filter.levels.join(',') : null,
    services: filter.services?.length ? filter.services.join(',') : null,
    q: filter.q ? filter.q : null,
    exclude: filter.exclude ? filter.exclude : null,
    regex: filter.regex ? '1' : null,
    where: filter.where?.length ? [...filter.where] : null,
  };
}

export function sameFilter(a: LogFilter, b: LogFilter): boolean {
  return JSON.stringify(filterToParams(a)) === JSON.stringify(filterToParams(b));
}

/** The regex switch alone hides nothing, so it does not count as a filter. */
export function isFiltered(filter: LogFilter): boolean {
  return Object.entries(filterToParams(filter)).some(
    ([name, value]) => name !== 'regex' && value !== null,
  );
}

/**
 * The server filters too; checking again here keeps lines of a previous subscription out
 * while a new one is being set up. Patterns are left to the server alone: it refuses those that
 * could hang, and a shared link must not be able to hang this tab either.
 */
export function matchesFilter(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.level && !isAtLeast(entry.level, filter.level)) return false;
  if (filter.levels?.length && !filter.levels.includes(entry.level)) return false;
  if (filter.services?.length && !filter.services.includes(entry.service)) return false;
  if (filter.where?.length && !whereMatcher(filter.where)(entry)) return false;
  if (filter.regex) return true;
  const message = entry.message.toLowerCase();
  if (filter.q && !message.includes(filter.q.toLowerCase())) return false;
  if (filter.exclude && message.includes(filter.exclude.toLowerCase())) return false;
  return true;
}

let compiledWhere: { key: string; matches: (entry: LogEntry) => boolean } | null = null;

/** Field conditions are compared exactly as the server does; compiled once per filter. */
function whereMatcher(where: readonly string[]): (entry: LogEntry) => boolean {
  const key = JSON.stringify(where);
  if (compiledWhere?.key !== key) {
    const compiled = compileLogFilter({ where: [...where] }, () => undefined);
    compiledWhere = { key, matches: (entry) => compiled.matchesContent(entry) };
  }
  return compiledWhere.matches;
}

/**
 * `GET /logs` parameters for the content part of a filter (text and fields), so older pages
 * match the live tail.
 */
export function textQuery(filter: LogFilter): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (filter.q) query['q'] = filter.q;
  if (filter.exclude) query['exclude'] = filter.exclude;
  if (filter.regex && (filter.q || filter.exclude)) query['regex'] = '1';
  if (filter.where?.length) query['where'] = [...filter.where];
  return query;
}

/** The field (`q` or `exclude`) and reason of a server refusal of the pattern in it. */
export function patternRefusal(
  error: string | null,
): { field: 'q' | 'exclude'; reason: string } | null {
  const found = /\b(q|exclude): (pattern .*)$/.exec(error ?? '');
  return found ? { field: found[1] as 'q' | 'exclude', reason: found[2] } : null;
}
