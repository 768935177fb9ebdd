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
