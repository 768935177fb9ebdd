import { LOG_LEVELS, LogLevel, parseLevel } from './levels';
import type { LogEntry } from './logs';

/**
 * The one filter contract: `GET /logs` (query string), the socket's `subscribe` (an object) and the
 * dashboard (its URL) all speak it, parse it with `parseLogFilter` and match with `compileLogFilter`.
 * Every part is optional and the parts combine with AND.
 */
export interface LogFilter {
  /** Minimum level. */
  level?: LogLevel;
  /** Exact levels to show (toggles); combined with `level` when both are set. */
  levels?: LogLevel[];
  /** Exact service names; an entry of any of them passes. */
  services?: string[];
  /** Case-insensitive substring of the (masked) message; a regular expression when `regex`. */
  q?: string;
  /** Hides entries whose (masked) message contains this; a regular expression when `regex`. */
  exclude?: string;
  /** `q` and `exclude` are case-insensitive regular expressions the server runs in linear time. */
  regex?: boolean;
  /** Epoch milliseconds: only entries whose `timestamp` is at or after this. */
  since?: number;
  /** Epoch milliseconds: only entries whose `timestamp` is at or before this. */
  until?: number;
  /**
   * Exact field values, each `path=value`: a dotted path into the (masked) context, or `traceId` /
   * `spanId` for the entry's own; the value is compared with the field's JSON scalar as text.
   */
  where?: string[];
}

export const FILTER_LIMITS = {
  services: 100,
  serviceLength: 128,
  /** Longest `q` or `exclude`. */
  text: 200,
  where: 8,
  /** Longest `path=value` condition. */
  whereLength: 300,
} as const;

/** One refused part of a filter: which parameter, and why. Never repeats the client's text. */
export interface FilterProblem {
  field: string;
  reason: string;
}

export type FilterParseResult =
  | { ok: true; filter: LogFilter }
  | { ok: false; problems: FilterProblem[] };

/** Query-string values arrive as strings (or arrays of them when repeated); sockets send JSON. */
type Raw = unknown;

/** Every query parameter a filter is read from, on HTTP and in the dashboard's URL. */
export const FILTER_PARAMETERS = [
  'level',
  'levels',
  'services',
  'service',
  'q',
  'exclude',
  'regex',
  'since',
  'until',
  'where',
] as const;

const FILTER_KEYS: ReadonlySet<string> = new Set(FILTER_PARAMETERS);

/** True for the parameter names `parseLogFilter` reads (other parameters belong to the caller). */
export function isFilterKey(name: string): boolean {
  return FILTER_KEYS.has(name);
}

/** ±100 000 000 days around 1970: the range a JS Date can hold. */
const MAX_TIME = 8.64e15;

/**
 * Reads a filter from a socket payload or a parsed query string. Lists may be arrays, repeated
 * parameters or comma-separated text; `service` is accepted as a one-name `services`; `regex` takes
 * `true/false/1/0`; `since`/`until` take ISO-8601 or epoch milliseconds. Keys it does not know are
 * left for the caller. Each problem names its parameter; none echoes the client's text.
 */
export function parseLogFilter(input: Raw): FilterParseResult {
  if (input === undefined || input === null) return { ok: true, filter: {} };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ field: 'filter', reason: 'must be an object' }] };
  }
  const raw = input as Record<string, Raw>;
  const problems: FilterProblem[] = [];
  const filter: LogFilter = {};
  const fail = (field: string, reason: string) => problems.push({ field, reason });
  // `level=info&level=error` means two things; which one a proxy checked and which one counts
  // here must not differ (HTTP parameter pollution), so a one-value parameter is given once.
  const given = (name: string): boolean => {
    if (raw[name] === undefined) return false;
    if (!Array.isArray(raw[name])) return true;
    fail(name, 'must be given once');
    return false;
  };

  if (given('level')) {
    const parsed = parseLevel(raw['level']);
    if (parsed) filter.level = parsed;
    else fail('level', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  if (raw['levels'] !== undefined) {
    const items = list(raw['levels']);
    if (!items || items.length > LOG_LEVELS.length * 4) {
      fail('levels', 'must be a list of levels');
    } else {
      const levels: LogLevel[] = [];
      items.forEach((item, index) => {
        const parsed = parseLevel(item);
        if (parsed) levels.push(parsed);
        else fail(`levels[${index}]`, `must be one of ${LOG_LEVELS.join(', ')}`);
      });
      if (levels.length > 0) filter.levels = unique(levels);
    }
  }

  const services = readServices(raw, fail);
  if (services && services.length > 0) filter.services = services;

  const regex = given('regex') ? flag(raw['regex']) : undefined;
  if (regex === null) fail('regex', 'must be true, false, 1 or 0');
  else if (regex) filter.regex = true;

  for (const name of ['q', 'exclude'] as const) {
    if (!given(name)) continue;
    const text = raw[name];
    if (typeof text !== 'string' || text.length > FILTER_LIMITS.text) {
      fail(name, `must be a string of at most ${FILTER_LIMITS.text} characters`);
    } else if (text !== '') {
      filter[name] = text;
    }
  }

  for (const name of ['since', 'until'] as const) {
    if (!given(name)) continue;
    const time = parseFilterTime(raw[name]);
    if (time === undefined) fail(name, 'must be an ISO-8601 date or epoch milliseconds');
    else filter[name] = time;
  }
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    fail('until', 'must not be before since');
  }

  if (raw['where'] !== undefined) {
    const items = Array.isArray(raw['where']) ? raw['where'] : [raw['where']];
    if (items.length > FILTER_LIMITS.where) {
      fail('where', `at most ${FILTER_LIMITS.where} conditions`);
    } else {
      const where: string[] = [];
      items.forEach((item, index) => {
        const problem = whereProblem(item);
        if (problem) fail(`where[${index}]`, problem);
        else where.push(item as string);
      });
      if (where.length > 0) filter.where = unique(where);
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, filter };
}

/** The filter as query-string parameters, for `GET /logs` and for the dashboard's URL. */
export function filterToQuery(filter: LogFilter): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (filter.level) query['level'] = filter.level;
  if (filter.levels?.length) query['levels'] = filter.levels.join(',');
  if (filter.services?.length) query['services'] = filter.services.join(',');
  if (filter.q) query['q'] = filter.q;
  if (filter.exclude) query['exclude'] = filter.exclude;
  if (filter.regex && (filter.q || filter.exclude)) query['regex'] = '1';
  if (filter.since !== undefined) query['since'] = new Date(filter.since).toISOString();
  if (filter.until !== undefined) query['until'] = new Date(filter.until).toISOString();
  if (filter.where?.length) query['where'] = [...filter.where];
  return query;
}

/** Splits `path=value` at its first `=`. */
export function splitWhere(condition: string): { path: string; value: string } {
  const at = condition.indexOf('=');
  return { path: condition.slice(0, at), value: condition.slice(at + 1) };
}

/**
 * Compiles `q` or `exclude` when `regex` is set. Each side supplies its own engine: the server
 * a linear-time one; the dashboard none (it returns undefined and leaves patterns to the server,
 * so a shared link cannot hang a tab).
 */
export type PatternCompiler = (source: string) => ((text: string) => boolean) | undefined;

/** What an entry must offer to be matched; the store's clear metadata covers the first part. */
export interface MatchableEntry {
  level: LogLevel;
  service: string;
  /** Epoch milliseconds. */
  time: number;
  message: string;
  context?: Record<string, unknown>;
  traceId?: string;
  spanId?: string;
}

/** A filter ready to run on every entry: build once per subscription or query. */
export interface CompiledLogFilter {
  readonly filter: LogFilter;
  /** Equal for equal filters, so subscribers of one filter can share its work. */
  readonly key: string;
  /** True when the filter lets everything through. */
  readonly acceptsAll: boolean;
  /** False when level, service and time decide alone (nothing sealed needs opening). */
  readonly needsContent: boolean;
  /** Level (index into LOG_LEVELS), service and time (epoch ms): what can be decided in clear. */
  matchesMeta(level: number, service: string, time: number): boolean;
  /** Message and fields: what needs the opened entry. */
  matchesContent(
    entry: Pick<MatchableEntry, 'message' | 'context' | 'traceId' | 'spanId'>,
  ): boolean;
  matches(entry: MatchableEntry): boolean;
  /** `matches` for a `LogEntry` as readers receive it. */
  matchesEntry(entry: LogEntry): boolean;
}

export function compileLogFilter(filter: LogFilter, patterns: PatternCompiler): CompiledLogFilter {
  const canonical = canonicalFilter(filter);
  const minLevel = canonical.level ? LOG_LEVELS.indexOf(canonical.level) : 0;
  const levels = canonical.levels && new Set(canonical.levels.map((l) => LOG_LEVELS.indexOf(l)));
  const services = canonical.services && new Set(canonical.services);
  const { since, until } = canonical;
  const include =
    canonical.q === undefined ? undefined : textTest(canonical.q, canonical, patterns);
  const exclude =
    canonical.exclude === undefined ? undefined : textTest(canonical.exclude, canonical, patterns);
  const where = canonical.where?.map(splitWhere);
  const key = JSON.stringify(canonical);
  const needsContent = include !== undefined || exclude !== undefined || where !== undefined;

  const matchesMeta = (level: number, service: string, time: number): boolean => {
    if (level < minLevel) return false;
    if (levels && !levels.has(level)) return false;
    if (services && !services.has(service)) return false;
    if (since !== undefined && time < since) return false;
    if (until !== undefined && time > until) return false;
    return true;
  };
  const matchesContent: CompiledLogFilter['matchesContent'] = (entry) => {
    if (include && !include(entry.message)) return false;
    if (exclude?.(entry.message)) return false;
    if (where) {
      for (const { path, value } of where) {
        if (fieldValueText(entry, path) !== value) return false;
      }
    }
    return true;
  };
  const matches = (entry: MatchableEntry): boolean =>
    matchesMeta(LOG_LEVELS.indexOf(entry.level), entry.service, entry.time) &&
    matchesContent(entry);
  const timed = since !== undefined || until !== undefined;
  return {
    filter: canonical,
    key,
    acceptsAll: key === '{}',
    needsContent,
    matchesMeta,
    matchesContent,
    matches,
    matchesEntry: (entry) =>
      matchesMeta(
        LOG_LEVELS.indexOf(entry.level),
        entry.service,
        timed ? Date.parse(entry.timestamp) : 0,
      ) && matchesContent(entry),
  };
}

/**
 * Sorted, de-duplicated, without parts that change nothing (`regex` without a pattern), and with
 * plain text lower-cased (it matches case-insensitively), so equal filters get equal keys.
 */
function canonicalFilter(filter: LogFilter): LogFilter {
  const regex = filter.regex === true && Boolean(filter.q || filter.exclude);
  const canonical: LogFilter = {};
  if (filter.level && filter.level !== 'trace') canonical.level = filter.level;
  if (filter.levels?.length) {
    canonical.levels = unique(filter.levels).sort(
      (a, b) => LOG_LEVELS.indexOf(a) - LOG_LEVELS.indexOf(b),
    );
  }
  if (filter.services?.length) canonical.services = unique(filter.services).sort();
  if (filter.q) canonical.q = regex ? filter.q : filter.q.toLowerCase();
  if (filter.exclude) canonical.exclude = regex ? filter.exclude : filter.exclude.toLowerCase();
  if (regex) canonical.regex = true;
  if (filter.since !== undefined) canonical.since = filter.since;
  if (filter.until !== undefined) canonical.until = filter.until;
  if (filter.where?.length) canonical.where = unique(filter.where).sort();
  return canonical;
}

function textTest(
  text: string,
  filter: LogFilter,
  patterns: PatternCompiler,
): ((message: string) => boolean) | undefined {
  if (filter.regex) return patterns(text);
  return (message) => message.toLowerCase().includes(text);
}

/**
 * The field's scalar as text, as `where` compares it (`traceId` and `spanId` are the entry's own),
 * or undefined when the path leads nowhere or to an object.
 */
export function fieldValueText(
  entry: Pick<MatchableEntry, 'context' | 'traceId' | 'spanId'>,
  path: string,
): string | undefined {
  if (path === 'traceId') return entry.traceId;
  if (path === 'spanId') return entry.spanId;
  let value: unknown = entry.context;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return undefined;
}

function readServices(
  raw: Record<string, Raw>,
  fail: (field: string, reason: string) => void,
): string[] | undefined {
  const given = [raw['services'], raw['service']].filter((value) => value !== undefined);
  if (given.length === 0) return undefined;
  const names: string[] = [];
  for (const value of given) {
    const items = list(value);
    if (!items) {
      fail('services', 'must be a list of service names');
      return undefined;
    }
    names.push(...items);
  }
  if (names.length > FILTER_LIMITS.services) {
    fail('services', `at most ${FILTER_LIMITS.services} names`);
    return undefined;
  }
  if (names.some((name) => name.length > FILTER_LIMITS.serviceLength)) {
    fail('services', `each name at most ${FILTER_LIMITS.serviceLength} characters`);
    return undefined;
  }
  return unique(names);
}

function whereProblem(item: unknown): string | undefined {
  if (typeof item !== 'string') return 'must be a string path=value';
  if (item.length > FILTER_LIMITS.whereLength) {
    return `must be at most ${FILTER_LIMITS.whereLength} characters`;
  }
  const at = item.indexOf('=');
  if (at <= 0) return 'must be path=value, e.g. status=500';
  const path = item.slice(0, at);
  if (path.split('.').some((part) => part === '')) return 'path must be dotted names, e.g. user.id';
  return undefined;
}

/** A list from an array, a comma-separated string or one value; undefined when not strings. */
function list(value: Raw): string[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return undefined;
    for (const part of item.split(',')) {
      const trimmed = part.trim();
      if (trimmed !== '') out.push(trimmed);
    }
  }
  return out;
}

/** null when not a flag. */
function flag(value: Raw): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return null;
}

/** ISO-8601 text or epoch milliseconds (number or digits); undefined when neither. */
export function parseFilterTime(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= MAX_TIME ? value : undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^-?\d{1,16}$/.test(value)) return parseFilterTime(Number(value));
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
