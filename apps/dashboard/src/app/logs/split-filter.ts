import { ParamMap } from '@angular/router';
import { LogFilter } from '@redtail/contracts';
import { decodeFilter, encodeFilter } from './filter-text';

/** The URL parameter holding the pinned pane's filter, itself encoded as a query string. */
export const SPLIT_PARAM = 'split';

/**
 * The pinned pane's filter, or null when no split view is open. An empty value is an open pane
 * with no filter. The inner query string is the same filter contract as the main view's, so a
 * link shows the same two panes to whoever opens it.
 */
export function splitFromParams(params: ParamMap): LogFilter | null {
  const value = params.get(SPLIT_PARAM);
  return value === null ? null : decodeFilter(value);
}

/** The `split` parameter for a filter; null closes the split view. */
export function splitToParam(filter: LogFilter | null): string | null {
  return filter === null ? null : encodeFilter(filter);
}
