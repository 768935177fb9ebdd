import { ParamMap, convertToParamMap } from '@angular/router';
import { LogFilter, filterToQuery } from '@redtail/contracts';
import { filterFromParams } from './log-filter';

/** The URL parameter holding the pinned pane's filter, itself encoded as a query string. */
export const SPLIT_PARAM = 'split';

/**
 * The pinned pane's filter, or null when no split view is open. An empty value is an open pane
 * with no filter. The inner query string is the same filter contract as the main view's, so a
 * link shows the same two panes to whoever opens it.
 */
export function splitFromParams(params: ParamMap): LogFilter | null {
  const value = params.get(SPLIT_PARAM);
  if (value === null) return null;
  const inner = new URLSearchParams(value);
  const raw: Record<string, string[]> = {};
  inner.forEach((value, key) => (raw[key] ??= []).push(value));
  return filterFromParams(convertToParamMap(raw));
}

/** The `split` parameter for a filter; null closes the split view. */
export function splitToParam(filter: LogFilter | null): string | null {
  if (filter === null) return null;
  const inner = new URLSearchParams();
  for (const [key, value] of Object.entries(filterToQuery(filter))) {
    for (const each of Array.isArray(value) ? value : [value]) inner.append(key, each);
  }
  return inner.toString();
}
