import { ParamMap, Params } from '@angular/router';
import {
  CompiledLogFilter,
  compileLogFilter,
  FILTER_LIMITS,
  FILTER_PARAMETERS,
  filterToQuery,
  isFilterKey,
  LogFilter,
  parseLogFilter,
  PatternCompiler,
} from '@redtail/contracts';

/**
 * The dashboard runs no `q`/`exclude` pattern itself: the server runs them on RE2, in linear
 * time, and refuses what RE2 cannot run. The browser's own engine backtracks, and a pattern RE2
 * accepts (`(a+)+$`) can take exponential time there, so running a shared link's pattern on
 * every incoming line could hang this tab. Locally the shared matcher checks levels, services,
 * time, fields and plain text; a pattern counts as matched, because only lines the server
 * already matched with it arrive.
 */
const serverOnlyPatterns: PatternCompiler = () => undefined;

/** The shared contract's matcher with the dashboard's pattern policy; build once per filter. */
export function compileFilter(filter: LogFilter): CompiledLogFilter {
  return compileLogFilter(filter, serverOnlyPatterns);
}

/**
 * Reads a filter from the URL with the shared parser (the one `GET /logs` and the socket use).
 * A refused parameter is left out rather than refusing the whole link, so a hand-edited or older
 * link still opens with what it got right.
 */
export function filterFromParams(params: ParamMap): LogFilter {
  const raw: Record<string, string | string[]> = {};
  for (const key of params.keys) {
    if (!isFilterKey(key)) continue;
    const values = params.getAll(key).map((value) => value.trim());
    raw[key] = key === 'where' ? values : values[values.length - 1];
  }
  for (;;) {
    const parsed = parseLogFilter(raw);
    if (parsed.ok) return parsed.filter;
    const refused = new Set(
      parsed.problems.map((problem) => problem.field.replace(/\[\d+\]$/, '')),
    );
    // `services` problems may come from the `service` alias.
    if (refused.has('services')) refused.add('service');
    const before = Object.keys(raw).length;
    for (const key of refused) {
      if (key === 'levels') keepValidLevels(raw);
      else if (key === 'where') keepValidConditions(raw);
      else delete raw[key];
    }
    if (Object.keys(raw).length === before && !refused.has('levels') && !refused.has('where')) {
      return {};
    }
  }
}

/** Drops malformed `where` conditions and those past the limit; the rest still apply. */
function keepValidConditions(raw: Record<string, string | string[]>): void {
  const items = ([] as string[]).concat(raw['where'] ?? []);
  const valid = items
    .filter((item) => parseLogFilter({ where: [item] }).ok)
    .slice(0, FILTER_LIMITS.where);
  if (valid.length === items.length || valid.length === 0) delete raw['where'];
  else raw['where'] = valid;
}

/** Drops the unknown names from a `levels` list; the whole list when none is known. */
function keepValidLevels(raw: Record<string, string | string[]>): void {
  const items = String(raw['levels'] ?? '').split(',');
  const valid = items.filter((item) => parseLogFilter({ levels: item }).ok);
  if (valid.length === items.length || valid.length === 0) delete raw['levels'];
  else raw['levels'] = valid.join(',');
}

/** Query params for a filter; `null` removes a param when merged into the current URL. */
export function filterToParams(filter: LogFilter): Params {
  const query = filterToQuery(filter);
  const params: Params = {};
  for (const name of FILTER_PARAMETERS) params[name] = query[name] ?? null;
  // The switch is kept while no pattern is typed, so it stays on for the next one.
  params['regex'] = filter.regex ? '1' : null;
  return params;
}

/** Equal when the server would treat them alike (the shared canonical form). */
export function sameFilter(a: LogFilter, b: LogFilter): boolean {
  return compileFilter(a).key === compileFilter(b).key;
}

/** The regex switch alone hides nothing, so it does not count as a filter. */
export function isFiltered(filter: LogFilter): boolean {
  return !compileFilter(filter).acceptsAll;
}

/** The field (`q` or `exclude`) and reason of a server refusal of the pattern in it. */
export function patternRefusal(
  error: string | null,
): { field: 'q' | 'exclude'; reason: string } | null {
  const found = /\b(q|exclude): (pattern .*)$/.exec(error ?? '');
  return found ? { field: found[1] as 'q' | 'exclude', reason: found[2] } : null;
}
