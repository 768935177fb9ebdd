import type { LogEntry } from '@redtail/contracts';

function sortedBySeq(entries: readonly LogEntry[]): readonly LogEntry[] {
  for (let i = 1; i < entries.length; i += 1) {
    if (entries[i].seq < entries[i - 1].seq) return [...entries].sort((a, b) => a.seq - b.seq);
  }
  return entries;
}

/** Where `seq` would go in `lines` sorted by seq: the index of the first line with a larger seq. */
function insertionPoint(lines: readonly LogEntry[], seq: number): number {
  let low = 0;
  let high = lines.length;
  // Late arrivals are usually a few lines from the end: check there before bisecting it all.
  if (high > 0 && lines[high - 1].seq < seq) return high;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lines[middle].seq <= seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Merges `added` (any order, seqs not in `lines`) into `lines` (sorted by seq). Batches from one
 * node arrive in order, so the common case is an append; a late batch relayed from another node
 * only disturbs the tail from its oldest seq onwards.
 */
export function mergeBySeq(lines: readonly LogEntry[], added: readonly LogEntry[]): LogEntry[] {
  if (!added.length) return lines.slice();
  const batch = sortedBySeq(added);
  const from = insertionPoint(lines, batch[0].seq);
  if (from === lines.length) return lines.concat(batch);
  const merged = lines.slice(0, from);
  let i = from;
  let j = 0;
  while (i < lines.length && j < batch.length) {
    merged.push(lines[i].seq <= batch[j].seq ? lines[i++] : batch[j++]);
  }
  while (i < lines.length) merged.push(lines[i++]);
  while (j < batch.length) merged.push(batch[j++]);
  return merged;
}

/**
 * Merges `added` keeping at most `capacity` lines; the oldest (lowest seq) go first. A batch that
 * follows the buffer, nearly every batch of a live tail, makes one array of the final size: at
 * 20 000 lines a second a full buffer of 10 000 was otherwise copied twice per batch, once to
 * append and once to drop the oldest, all garbage by the next batch.
 */
export function mergeBounded(
  lines: readonly LogEntry[],
  added: readonly LogEntry[],
  capacity: number,
): { lines: LogEntry[]; dropped: number } {
  if (added.length && isAppend(lines, added)) return appendBounded(lines, added, capacity);
  const all = mergeBySeq(lines, added);
  const dropped = Math.max(0, all.length - capacity);
  return { lines: dropped ? all.slice(dropped) : all, dropped };
}

/** Whether `added` is in seq order and starts after the last of `lines`. */
function isAppend(lines: readonly LogEntry[], added: readonly LogEntry[]): boolean {
  if (lines.length && added[0].seq < lines[lines.length - 1].seq) return false;
  return sortedBySeq(added) === added;
}

function appendBounded(
  lines: readonly LogEntry[],
  added: readonly LogEntry[],
  capacity: number,
): { lines: LogEntry[]; dropped: number } {
  const total = lines.length + added.length;
  const dropped = Math.max(0, total - capacity);
  const kept: LogEntry[] = new Array(total - dropped);
  let k = 0;
  for (let i = dropped; i < lines.length; i += 1) kept[k++] = lines[i];
  for (let j = Math.max(0, dropped - lines.length); j < added.length; j += 1) kept[k++] = added[j];
  return { lines: kept, dropped };
}
