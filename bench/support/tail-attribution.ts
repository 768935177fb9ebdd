import { readFileSync } from 'node:fs';

/** Which process's collector was pausing while the slowest lines were on their way. */
export interface TailAttribution {
  /** Lines at or above the viewer's p99. */
  lines: number;
  /** Shares of those lines (0–1) whose flight overlapped a pause of each process. */
  serverGc: number;
  viewerGc: number;
  shipperGc: number;
  /** Overlapping no pause of any of the three. */
  noGc: number;
}

/**
 * Lays each slow line's flight (`[sentAt, receivedAt, …]`, from the viewer) against every
 * process's garbage-collection pauses (`[start, end, …]`, epoch ms, from `GcIntervals` and the
 * server probe). A line counts for each process that paused while it travelled, so the shares
 * may add up to more than 1; `noGc` is what no pause can explain (the work itself, or waiting for
 * a core).
 */
export function attributeTail(
  flights: readonly number[],
  pauses: { server: readonly number[]; viewer: readonly number[]; shipper: readonly number[] },
): TailAttribution {
  const lines = flights.length / 2;
  const counts = { server: 0, viewer: 0, shipper: 0, none: 0 };
  for (let i = 0; i < flights.length; i += 2) {
    const from = flights[i];
    const to = flights[i + 1];
    const server = overlapsAny(pauses.server, from, to);
    const viewer = overlapsAny(pauses.viewer, from, to);
    const shipper = overlapsAny(pauses.shipper, from, to);
    if (server) counts.server++;
    if (viewer) counts.viewer++;
    if (shipper) counts.shipper++;
    if (!server && !viewer && !shipper) counts.none++;
  }
  const share = (count: number) => (lines > 0 ? count / lines : 0);
  return {
    lines,
    serverGc: share(counts.server),
    viewerGc: share(counts.viewer),
    shipperGc: share(counts.shipper),
    noGc: share(counts.none),
  };
}

function overlapsAny(intervals: readonly number[], from: number, to: number): boolean {
  for (let i = 0; i < intervals.length; i += 2) {
    if (intervals[i] < to && intervals[i + 1] > from) return true;
  }
  return false;
}

/**
 * How long a process's main thread has waited on the run queue for a core since it started, ms
 * (Linux's /proc/<pid>/task/<pid>/schedstat); NaN where that is not readable.
 */
export function runQueueWaitMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(fields[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}
