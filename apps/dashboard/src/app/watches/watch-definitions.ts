import type { LogFilter } from '@redtail/contracts';
import { decodeFilter, encodeFilter } from '../logs/filter-text';
import { isFiltered } from '../logs/log-filter';
import { withoutRange } from '../volume/time-range';

/** This browser's watches (a preference of the browser, like the theme, not of a key). */
export const WATCHES_STORAGE_KEY = 'redtail.watches';
/**
 * Each watch holds a socket of its own (one subscription per connection), and a key may have
 * `REDTAIL_SOCKETS_PER_KEY` (20) open: five watches and both panes leave room for two tabs more.
 */
export const MAX_WATCHES = 5;
export const MAX_WATCH_NAME = 60;

/** A filter watched in the background: matching live lines are counted and can notify. */
export interface WatchDefinition {
  id: string;
  name: string;
  /** Never a time range: a watch looks at what arrives from now on. */
  filter: LogFilter;
}

/** A name that says what is watched, e.g. `"timeout" · warn and above · billing`. */
export function describeFilter(filter: LogFilter): string {
  const parts: string[] = [];
  if (filter.q) parts.push(filter.regex ? `/${filter.q}/` : `"${filter.q}"`);
  if (filter.exclude)
    parts.push(`not ${filter.regex ? `/${filter.exclude}/` : `"${filter.exclude}"`}`);
  if (filter.level) parts.push(`${filter.level} and above`);
  if (filter.levels?.length) parts.push(filter.levels.join(', '));
  if (filter.services?.length) {
    const [first, ...rest] = filter.services;
    parts.push(rest.length ? `${first} +${rest.length}` : first);
  }
  for (const condition of filter.where ?? []) parts.push(condition);
  return clip(parts.join(' · ') || 'every line');
}

/** A watch of the view's filter, its range dropped; null when the filter lets everything through. */
export function watchOf(filter: LogFilter, name: string, id: string): WatchDefinition | null {
  const live = withoutRange(filter);
  if (!isFiltered(live)) return null;
  return { id, name: clip(name.trim()) || describeFilter(live), filter: live };
}

export function serializeWatches(watches: readonly WatchDefinition[]): string {
  return JSON.stringify(
    watches.map((watch) => ({
      id: watch.id,
      name: watch.name,
      filter: encodeFilter(watch.filter),
    })),
  );
}

/**
 * Reads what `serializeWatches` wrote. Storage is another program's to edit, so anything that
 * is not a watch with a filter is skipped, names are clipped and no more than `MAX_WATCHES` are
 * kept.
 */
export function parseStoredWatches(raw: string | null): WatchDefinition[] {
  let items: unknown;
  try {
    items = JSON.parse(raw ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(items)) return [];
  const watches: WatchDefinition[] = [];
  const ids = new Set<string>();
  for (const item of items) {
    if (watches.length === MAX_WATCHES) break;
    if (typeof item !== 'object' || item === null) continue;
    const { id, name, filter } = item as Record<string, unknown>;
    if (typeof id !== 'string' || !id || ids.has(id) || typeof filter !== 'string') continue;
    const watch = watchOf(decodeFilter(filter), typeof name === 'string' ? name : '', id);
    if (!watch) continue;
    ids.add(id);
    watches.push(watch);
  }
  return watches;
}

function clip(text: string): string {
  return text.length > MAX_WATCH_NAME ? `${text.slice(0, MAX_WATCH_NAME - 1)}…` : text;
}
