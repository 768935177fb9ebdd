import { LOG_LEVELS, type LogEntry, type LogHistogram, type LogLevel } from '@redtail/contracts';

export type LevelCounts = Record<LogLevel, number>;

/** Entries per level in equal, consecutive time buckets; oldest first. */
export interface VolumeBuckets {
  /** Epoch milliseconds: start of the first bucket. */
  from: number;
  bucketMs: number;
  counts: readonly LevelCounts[];
}

/** The live chart's span and resolution: 15 minutes in 15-second bars. */
export const LIVE_SPAN_MS = 15 * 60_000;
export const BUCKETS = 60;

export function emptyCounts(): LevelCounts {
  return { trace: 0, debug: 0, info: 0, warn: 0, error: 0, fatal: 0 };
}

export function total(counts: LevelCounts): number {
  let sum = 0;
  for (const level of LOG_LEVELS) sum += counts[level];
  return sum;
}

/** End of the last bucket (exclusive). */
export function bucketsEnd(volume: VolumeBuckets): number {
  return volume.from + volume.counts.length * volume.bucketMs;
}

/**
 * The live window ending with the bucket that holds `now`, aligned to whole buckets so that
 * rolling forward drops exactly one bucket at a time and the server's buckets line up with ours.
 */
export function liveWindow(
  now: number,
  spanMs = LIVE_SPAN_MS,
  buckets = BUCKETS,
): { since: number; until: number } {
  const bucketMs = spanMs / buckets;
  const until = (Math.floor(now / bucketMs) + 1) * bucketMs;
  return { since: until - spanMs, until };
}

export function fromHistogram(histogram: LogHistogram): VolumeBuckets {
  return {
    from: histogram.from,
    bucketMs: histogram.bucketMs,
    counts: histogram.buckets.map((bucket) => ({ ...emptyCounts(), ...bucket.counts })),
  };
}

/** Index of the bucket holding `time`, or -1 outside the window. */
export function bucketIndex(volume: VolumeBuckets, time: number): number {
  if (!(time >= volume.from) || time >= bucketsEnd(volume)) return -1;
  return Math.floor((time - volume.from) / volume.bucketMs);
}

/**
 * Counts entries into their buckets by timestamp; those outside the window (late, or from a
 * clock ahead of ours) are left out. Returns the same object when nothing changed.
 */
export function addEntries(volume: VolumeBuckets, entries: Iterable<LogEntry>): VolumeBuckets {
  let counts: LevelCounts[] | null = null;
  // Each touched bucket is copied once per call, not once per entry: a frame can bring thousands.
  const copied = new Set<number>();
  for (const entry of entries) {
    const index = bucketIndex(volume, Date.parse(entry.timestamp));
    if (index < 0) continue;
    counts ??= volume.counts.slice();
    if (!copied.has(index)) {
      counts[index] = { ...counts[index] };
      copied.add(index);
    }
    counts[index][entry.level] += 1;
  }
  return counts ? { ...volume, counts } : volume;
}

/**
 * Moves the window forward so that `now` falls in its last bucket: the oldest buckets drop out,
 * empty ones come in. Returns the same object while `now` is still inside the window.
 */
export function rollTo(volume: VolumeBuckets, now: number): VolumeBuckets {
  const end = bucketsEnd(volume);
  if (now < end) return volume;
  const shift = Math.floor((now - end) / volume.bucketMs) + 1;
  const length = volume.counts.length;
  const kept = shift >= length ? [] : volume.counts.slice(shift);
  const fresh = Array.from({ length: length - kept.length }, emptyCounts);
  return { ...volume, from: volume.from + shift * volume.bucketMs, counts: kept.concat(fresh) };
}

/** The time span covered by buckets `first`..`last` (in either order, clamped to the window). */
export function bucketSpan(
  volume: VolumeBuckets,
  first: number,
  last: number,
): { since: number; until: number } {
  const max = volume.counts.length - 1;
  const low = Math.max(0, Math.min(first, last, max));
  const high = Math.min(max, Math.max(first, last, 0));
  // `until` is inclusive on the server: the last millisecond of the last bucket.
  return {
    since: volume.from + low * volume.bucketMs,
    until: volume.from + (high + 1) * volume.bucketMs - 1,
  };
}
