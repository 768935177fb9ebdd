import { convertToParamMap } from '@angular/router';
import { LogFilter, filterToQuery } from '@redtail/contracts';
import { filterFromParams } from './log-filter';

/**
 * A filter as one query string (`services=billing&level=warn`), the same contract as the main
 * view's URL: the split view's `split` parameter and the stored watches hold it this way.
 */
export function encodeFilter(filter: LogFilter): string {
  const inner = new URLSearchParams();
  for (const [key, value] of Object.entries(filterToQuery(filter))) {
    for (const each of Array.isArray(value) ? value : [value]) inner.append(key, each);
  }
  return inner.toString();
}

/** Reads `encodeFilter`'s text; a refused part is left out, as in a hand-edited link. */
export function decodeFilter(text: string): LogFilter {
  const raw: Record<string, string[]> = {};
  new URLSearchParams(text).forEach((value, key) => (raw[key] ??= []).push(value));
  return filterFromParams(convertToParamMap(raw));
}
