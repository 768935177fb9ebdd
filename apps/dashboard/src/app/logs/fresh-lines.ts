import { signal } from '@angular/core';
import type { LogEntry } from '@redtail/contracts';

/** Frames that bring more lines than this highlight none of them. */
export const FRESH_LIMIT = 50;

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

  /** Lines with at least this seq arrived in the latest frame and are highlighted. */
  readonly fromSeq = this._fromSeq.asReadonly();
  /** Counts the frames that highlighted lines, so a reused row can restart its highlight. */
  readonly batch = this._batch.asReadonly();

  /** A frame's lines became visible (a frame without any changes nothing). */
  shown(batch: readonly LogEntry[]): void {
    if (!batch.length) return;
    const from = freshFrom(batch);
    this._fromSeq.set(from);
    if (from !== Infinity) this._batch.update((n) => n + 1);
  }
}
