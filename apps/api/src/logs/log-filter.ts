import { LOG_LEVELS, LogEntry, LogFilter, LogLevel, parseLevel } from '@redtail/contracts';
import { assertLinearTimeSafe, UnsafePatternError } from '@redtail/masking';

const MAX_SERVICES = 100;
export const MAX_QUERY = 200;
const PATTERN_FLAGS = 'i';

/** One message test, compiled once per subscription or query and reused for every entry. */
type MessageTest = (message: string) => boolean;

/**
 * Why a user's pattern is refused (too long, invalid, or able to backtrack super-linearly and so
 * stall the server), or undefined when it is safe to run on every entry.
 */
export function patternProblem(source: string): string | undefined {
  if (source.length > MAX_QUERY) return `pattern must be at most ${MAX_QUERY} characters`;
  try {
    assertLinearTimeSafe(source, PATTERN_FLAGS);
  } catch (error) {
    if (error instanceof UnsafePatternError) return `pattern ${error.message}`;
    throw error;
  }
  return undefined;
}

function messageTest(text: string, regex: boolean): MessageTest {
  if (regex) {
    const pattern = new RegExp(text, PATTERN_FLAGS);
    return (message) => pattern.test(message);
  }
  const needle = text.toLowerCase();
  return (message) => message.toLowerCase().includes(needle);
}

/**
 * A subscriber's or a query's filter in one canonical form. `key` is equal for
 * equal filters, so the gateway can run each distinct filter once per batch
 * and serialise the result once for everyone who chose it.
 */
export class CompiledFilter {
  readonly key: string;
  /** Index into LOG_LEVELS of the minimum level; 0 accepts everything. */
  readonly minLevel: number;
  readonly levels: ReadonlySet<number> | undefined;
  readonly services: ReadonlySet<string> | undefined;
  readonly since: number | undefined;
  readonly until: number | undefined;
  private readonly include: MessageTest | undefined;
  private readonly exclude: MessageTest | undefined;

  /** With `regex`, `q` and `exclude` must already have passed `patternProblem`. */
  constructor(parts: {
    minLevel?: number;
    levels?: number[];
    services?: string[];
    q?: string;
    exclude?: string;
    regex?: boolean;
    since?: number;
    until?: number;
  }) {
    this.minLevel = parts.minLevel ?? 0;
    const levels = parts.levels && [...new Set(parts.levels)].sort();
    const services = parts.services && [...new Set(parts.services)].sort();
    this.levels = levels && new Set(levels);
    this.services = services && new Set(services);
    const regex = parts.regex === true && Boolean(parts.q || parts.exclude);
    // Plain text matches case-insensitively, so its key is lower-cased; a pattern keeps its source.
    const q = parts.q ? (regex ? parts.q : parts.q.toLowerCase()) : undefined;
    const exclude = parts.exclude
      ? regex
        ? parts.exclude
        : parts.exclude.toLowerCase()
      : undefined;
    this.include = q === undefined ? undefined : messageTest(q, regex);
    this.exclude = exclude === undefined ? undefined : messageTest(exclude, regex);
    this.since = parts.since;
    this.until = parts.until;
    this.key = JSON.stringify([
      this.minLevel,
      levels,
      services,
      q,
      exclude,
      regex,
      this.since,
      this.until,
    ]);
  }

  get acceptsAll(): boolean {
    return this.key === ACCEPT_ALL_KEY;
  }

  /** Everything except `q` and `exclude`: what can be decided without decrypting. */
  matchesMeta(level: number, service: string, timestamp: number): boolean {
    if (level < this.minLevel) return false;
    if (this.levels && !this.levels.has(level)) return false;
    if (this.services && !this.services.has(service)) return false;
    if (this.since !== undefined && timestamp < this.since) return false;
    if (this.until !== undefined && timestamp > this.until) return false;
    return true;
  }

  matchesMessage(message: string): boolean {
    if (this.include && !this.include(message)) return false;
    return !this.exclude?.(message);
  }

  matches(entry: LogEntry): boolean {
    const timed = this.since !== undefined || this.until !== undefined;
    return (
      this.matchesMeta(
        levelIndex(entry.level),
        entry.service,
        timed ? Date.parse(entry.timestamp) : 0,
      ) && this.matchesMessage(entry.message)
    );
  }
}

const ACCEPT_ALL_KEY = new CompiledFilter({}).key;

export function levelIndex(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

/** Validates a filter that arrived over a socket (no DTO pipeline there); returns an error message or the filter. */
export function compileSocketFilter(request: unknown): CompiledFilter | string {
  if (request === undefined || request === null) return new CompiledFilter({});
  if (typeof request !== 'object' || Array.isArray(request)) return 'filter must be an object';
  const { level, levels, services, q, exclude, regex } = request as LogFilter;
  let minLevel: number | undefined;
  if (level !== undefined) {
    const parsed = parseLevel(level);
    if (!parsed) return 'level: unknown level';
    minLevel = levelIndex(parsed);
  }
  let levelIndexes: number[] | undefined;
  if (levels !== undefined) {
    if (!Array.isArray(levels) || levels.length > LOG_LEVELS.length * 4) {
      return 'levels: must be an array of levels';
    }
    levelIndexes = [];
    for (const item of levels) {
      const parsed = parseLevel(item);
      if (!parsed) return 'levels: unknown level';
      levelIndexes.push(levelIndex(parsed));
    }
  }
  if (
    services !== undefined &&
    (!Array.isArray(services) ||
      services.length > MAX_SERVICES ||
      services.some((service) => typeof service !== 'string'))
  ) {
    return `services: must be an array of at most ${MAX_SERVICES} strings`;
  }
  if (regex !== undefined && typeof regex !== 'boolean') return 'regex: must be a boolean';
  for (const [field, text] of [
    ['q', q],
    ['exclude', exclude],
  ] as const) {
    if (text === undefined) continue;
    if (typeof text !== 'string' || text.length > MAX_QUERY) {
      return `${field}: must be a string of at most ${MAX_QUERY} characters`;
    }
    const problem = regex && text ? patternProblem(text) : undefined;
    if (problem) return `${field}: ${problem}`;
  }
  return new CompiledFilter({
    minLevel,
    levels: levelIndexes,
    services: services && services.length > 0 ? services : undefined,
    q: q || undefined,
    exclude: exclude || undefined,
    regex,
  });
}

/** `GET /logs` query fields (already validated by the DTO, patterns included) as a filter. */
export function queryFilter(query: {
  level?: LogLevel;
  service?: string;
  q?: string;
  exclude?: string;
  regex?: boolean;
  since?: number;
  until?: number;
}): CompiledFilter {
  return new CompiledFilter({
    minLevel: query.level ? levelIndex(query.level) : undefined,
    services: query.service ? [query.service] : undefined,
    q: query.q || undefined,
    exclude: query.exclude || undefined,
    regex: query.regex,
    since: query.since,
    until: query.until,
  });
}
