import { ParamMap, Params } from '@angular/router';
import { isAtLeast, LOG_LEVELS, LogEntry, LogFilter, LogLevel } from '@redtail/contracts';

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
  return filter;
}

/** Query params for a filter; `null` removes a param when merged into the current URL. */
export function filterToParams(filter: LogFilter): Params {
  return {
    level: filter.level ?? null,
    levels: filter.levels?.length ? filter.levels.join(',') : null,
    services: filter.services?.length ? filter.services.join(',') : null,
    q: filter.q ? filter.q : null,
  };
}

export function sameFilter(a: LogFilter, b: LogFilter): boolean {
  return JSON.stringify(filterToParams(a)) === JSON.stringify(filterToParams(b));
}

export function isFiltered(filter: LogFilter): boolean {
  return Object.values(filterToParams(filter)).some((value) => value !== null);
}

/**
 * The server filters too; checking again here keeps lines of a previous subscription out
 * while a new one is being set up.
 */
export function matchesFilter(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.level && !isAtLeast(entry.level, filter.level)) return false;
  if (filter.levels?.length && !filter.levels.includes(entry.level)) return false;
  if (filter.services?.length && !filter.services.includes(entry.service)) return false;
  if (filter.q && !entry.message.toLowerCase().includes(filter.q.toLowerCase())) return false;
  return true;
}
