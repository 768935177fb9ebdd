import type { ReusedFloats } from './reused-floats';

/**
 * Where each row of the tail starts, in pixels. Rows are one line high unless wrapped or
 * expanded, so the common case is a multiplication; otherwise a prefix sum over the rows, built
 * once per change of lines or layout and searched in O(log n) per scroll.
 */
export interface RowLayout {
  readonly count: number;
  readonly total: number;
  offsetOf(index: number): number;
  /** The row covering `offset` (clamped to the rows there are). */
  indexAt(offset: number): number;
}

export function uniformLayout(count: number, height: number): RowLayout {
  return {
    count,
    total: count * height,
    offsetOf: (index) => Math.max(0, Math.min(index, count)) * height,
    indexAt: (offset) => clamp(Math.floor(offset / height), count),
  };
}

/**
 * `heights[i]` is row i's height. With `reused`, the offsets are written into its array: the
 * layout is then valid until the next one built on it (a tail keeps only its latest).
 */
export function variableLayout(heights: ArrayLike<number>, reused?: ReusedFloats): RowLayout {
  const count = heights.length;
  const starts = reused ? reused.slots(count + 1) : new Float64Array(count + 1);
  starts[0] = 0;
  for (let index = 0; index < count; index++) starts[index + 1] = starts[index] + heights[index];
  return {
    count,
    total: starts[count],
    offsetOf: (index) => starts[Math.max(0, Math.min(index, count))],
    indexAt: (offset) => {
      let low = 0;
      let high = count - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) low = middle;
        else high = middle - 1;
      }
      return clamp(low, count);
    },
  };
}

function clamp(index: number, count: number): number {
  return Math.max(0, Math.min(index, count - 1));
}
