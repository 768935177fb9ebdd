import { signal } from '@angular/core';
import type { LogEntry } from '@redtail/contracts';

/**
 * Lines shown per second beyond which none is highlighted. A flash lasts about a second: past
 * this rate every visible row is flashing all the time, which is all repaint and no information,
 * and restyling every row on every frame was the largest cost left of a busy split view.
 */
export const FRESH_LIMIT = 50;
/** The span the rate is counted over, about the length of the flash. */
export const FRESH_WINDOW_MS = 1_000;

/**
 * The lowest seq of a frame's lines to highlight, or Infinity for none. A flash helps the eye
 * only when it can follow it; at high rates every visible row would flash on every frame, which
 * is all repaint and no information.
 */
export function freshFrom(batch: readonly LogEntry[]): number {
  if (!batch.length || batch.length > FRESH_LIMIT) return Infinity;
  let lowest = batch[0].seq;
  for (const entry of batch) if (entry.seq < lowest) lowest = entry.seq;
  return lowest;
}

/** The highlight of the latest frame, as signals for the rows. */
export class FreshLines {
  private readonly _fromSeq = signal(0);
  private readonly _batch = signal(0);
  /** The frames of the last `FRESH_WINDOW_MS` that showed lines, oldest first. */
  private recent: { at: number; lines: number }[] = [];
  private recentLines = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Lines with at least this seq arrived in the latest frame and are highlighted. */
  readonly fromSeq = this._fromSeq.asReadonly();
  /** Counts the frames that highlighted lines, so a reused row can restart its highlight. */
  readonly batch = this._batch.asReadonly();

  /**
   * A frame's lines became visible (a frame without any changes nothing); they are highlighted
   * unless the stream shows more than `FRESH_LIMIT` lines a second.
   */
  shown(batch: readonly LogEntry[]): void {
    if (!batch.length) return;
    const from = this.countRecent(batch.length) > FRESH_LIMIT ? Infinity : freshFrom(batch);
    this._fromSeq.set(from);
    if (from !== Infinity) this._batch.update((n) => n + 1);
  }

  /** Adds a frame's lines to the window and returns how many lines the window now holds. */
  private countRecent(lines: number): number {
    const now = this.now();
    this.recent.push({ at: now, lines });
    this.recentLines += lines;
    while (this.recent[0].at <= now - FRESH_WINDOW_MS) {
      this.recentLines -= this.recent[0].lines;
      this.recent.shift();
    }
    return this.recentLines;
  }
}
