import type { LogEntry } from '@redtail/contracts';
import { ReusedFloats } from './reused-floats';
import { RowShape, rowHeight } from './row-height';

/** Index of the line with `seq` in lines sorted by seq, or -1. */
export function indexOfSeq(lines: readonly LogEntry[], seq: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = lines[middle].seq;
    if (found === seq) return middle;
    if (found < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The heights of rows folded, for one wrap width, kept from one frame to the next. With wrap on
 * a busy stream re-lays out the whole buffer on every frame, but a frame only drops lines at the
 * front and adds some at the end: the heights of the lines still there are copied by position
 * and only the new ones are measured (a line inserted out of order measures those after it).
 * The heights are kept in one reused array, moved to the front in place.
 */
export class FoldedRowHeights {
  private key = '';
  private lines: readonly LogEntry[] = [];
  private readonly heights = new ReusedFloats();

  constructor(private readonly measure: typeof rowHeight = rowHeight) {}

  /**
   * `lines`' heights with `shape` (its `expanded` is ignored: these are the folded heights),
   * valid until the next call.
   */
  of(lines: readonly LogEntry[], shape: RowShape): Float64Array {
    const folded = { ...shape, expanded: false };
    const key = `${folded.wrap} ${folded.columns} ${folded.stacked}`;
    const from = key === this.key && lines.length ? indexOfSeq(this.lines, lines[0].seq) : -1;
    let kept = 0;
    if (from !== -1) {
      const last = Math.min(lines.length, this.lines.length - from);
      while (kept < last && this.lines[from + kept] === lines[kept]) kept++;
      this.heights.moveToFront(from, kept);
    }
    const heights = this.heights.slots(lines.length, kept);
    for (let index = kept; index < lines.length; index++) {
      heights[index] = this.measure(lines[index].message, folded);
    }
    this.key = key;
    this.lines = lines;
    return heights;
  }
}
