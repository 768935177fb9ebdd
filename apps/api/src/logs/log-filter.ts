import { LOG_LEVELS, LogEntry, LogFilter, LogLevel, parseLevel } from '@redtail/contracts';

const MAX_SERVICES = 100;
const MAX_QUERY = 200;

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
  /** Lower-cased. */
  readonly q: string | undefined;
  readonly since: number | undefined;
  readonly until: number | undefined;

  constructor(parts: {
    minLevel?: number;
    levels?: number[];
    services?: string[];
    q?: string;
    since?: number;
    until?: number;
  }) {
    this.minLevel = parts.minLevel ?? 0;
    const levels = parts.levels && [...new Set(parts.levels)].sort();
    const services = parts.services && [...new Set(parts.services)].sort();
    this.levels = levels && new Set(levels);
    this.services = services && new Set(services);
    this.q = parts.q ? parts.q.toLowerCase() : undefined;
    this.since = parts.since;
    this.until = parts.until;
    this.key = JSON.stringify([this.minLevel, levels, services, this.q, this.since, this.until]);
  }

  get acceptsAll(): boolean {
    return this.key === ACCEPT_ALL_KEY;
  }

  /** Everything except `q`: what can be decided without decrypting. */
  matchesMeta(level: number, service: string, timestamp: number): boolean {
    if (level < this.minLevel) return false;
    if (this.levels && !this.levels.has(level)) return false;
    if (this.services && !this.services.has(service)) return false;
    if (this.since !== undefined && timestamp < this.since) return false;
    if (this.until !== undefined && timestamp > this.until) return false;
    return true;
  }

  matchesMessage(message: string): boolean {
    return this.q === undefined || message.toLowerCase().includes(this.q);
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
  const { level, levels, services, q } = request as LogFilter;
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
  if (q !== undefined && (typeof q !== 'string' || q.length > MAX_QUERY)) {
    return `q: must be a string of at most ${MAX_QUERY} characters`;
  }
  return new CompiledFilter({
    minLevel,
    levels: levelIndexes,
    services: services && services.length > 0 ? services : undefined,
    q: q || undefined,
  });
}

/** `GET /logs` query fields (already validated by the DTO) as a filter. */
export function queryFilter(query: {
  level?: LogLevel;
  service?: string;
  q?: string;
  since?: number;
  until?: number;
}): CompiledFilter {
  return new CompiledFilter({
    minLevel: query.level ? levelIndex(query.level) : undefined,
    services: query.service ? [query.service] : undefined,
    q: query.q || undefined,
    since: query.since,
    until: query.until,
  });
}
