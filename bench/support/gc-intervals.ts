import { PerformanceObserver } from 'node:perf_hooks';

/** Numbers kept at most: 100 000 pauses, far more than any run has. */
const MAX_NUMBERS = 200_000;

/**
 * This process's garbage-collection pauses as `[start, end, start, end, …]` in epoch
 * milliseconds, the clock bench lines are stamped with (`now()` in @redtail/testing), so a slow
 * line can be laid against the pauses of every process it went through. Kept only from the first
 * `take`, so a client nobody asks holds none.
 */
export class GcIntervals {
  private intervals: number[] | undefined;

  constructor() {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (this.intervals === undefined || this.intervals.length >= MAX_NUMBERS) return;
        const start = performance.timeOrigin + entry.startTime;
        this.intervals.push(start, start + entry.duration);
      }
    }).observe({ entryTypes: ['gc'] });
  }

  /** The pauses since the previous call (none at the first). */
  take(): number[] {
    const taken = this.intervals ?? [];
    this.intervals = [];
    return taken;
  }
}
