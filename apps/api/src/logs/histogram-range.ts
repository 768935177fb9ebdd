import type { FilterProblem } from '@redtail/contracts';

/** The chart's span when the request gives no `since`. */
export const DEFAULT_HISTOGRAM_SPAN_MS = 60 * 60 * 1000;

/**
 * The histogram's time range: `until` defaults to now and `since` to an hour before it. A range
 * of zero width (or a `since` at or after the default `until`) has no time to divide into
 * buckets, so it is a problem naming the parameter to change, never a chart of empty
 * one-millisecond buckets.
 */
export function histogramRange(
  since: number | undefined,
  until: number | undefined,
  now: number,
): { from: number; to: number } | FilterProblem {
  const to = until ?? now;
  const from = since ?? to - DEFAULT_HISTOGRAM_SPAN_MS;
  if (from < to) return { from, to };
  return until === undefined
    ? { field: 'since', reason: 'must be before until, which is now when not given' }
    : { field: 'until', reason: 'must be after since' };
}
