import { Injectable } from '@nestjs/common';
import { IngestDoor, LOG_LEVELS, LogLevel, MetricsSnapshot } from '@redtail/contracts';
import type { AcceptedCounts, Counters, SnapshotContext } from './ports/counters';

/** Distinct services counted exactly; more than this and new names count as `(other)`, so memory stays flat. */
const TRACKED_SERVICES = 1_000;
/** Services named in a snapshot; the rest are summed under `(other)`. */
const REPORTED_SERVICES = 20;
const OTHER = '(other)';
export const HISTORY_SECONDS = 60;

/**
 * One node's counters and rates: pure bookkeeping, no I/O. The single-node `Counters`, and the
 * node's own figures beside the cluster totals. `now` is injectable so rates can be tested.
 */
@Injectable()
export class MetricsService implements Counters {
  private readonly startedAt: number;
  private totalReceived = 0;
  private lastLogAt: number | null = null;
  private perLevel = emptyLevels();
  private perService = new Map<string, number>();
  private perDoor: Partial<Record<IngestDoor, number>> = {};
  private maskedPerType: Record<string, number> = {};
  private rejected = 0;
  private evicted = 0;
  private truncated = 0;
  private viewers = 0;
  private buckets = new Float64Array(HISTORY_SECONDS);
  private bucketSecond = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
    this.bucketSecond = Math.floor(this.startedAt / 1000);
  }

  get received(): number {
    return this.totalReceived;
  }

  get viewerCount(): number {
    return this.viewers;
  }

  get uptimeSeconds(): number {
    return Math.floor((this.now() - this.startedAt) / 1000);
  }

  recordAccepted(counts: AcceptedCounts): void {
    const at = this.now();
    this.totalReceived += counts.total;
    this.lastLogAt = at;
    for (const level of LOG_LEVELS) this.perLevel[level] += counts.perLevel[level] ?? 0;
    for (const [service, count] of counts.perService) this.countService(service, count);
    for (const door in counts.perDoor) {
      const key = door as IngestDoor;
      this.perDoor[key] = (this.perDoor[key] ?? 0) + (counts.perDoor[key] ?? 0);
    }
    for (const type in counts.masked) {
      this.maskedPerType[type] = (this.maskedPerType[type] ?? 0) + (counts.masked[type] ?? 0);
    }
    this.truncated += counts.truncated;
    this.advance(at);
    this.buckets[this.bucketSecond % HISTORY_SECONDS] += counts.total;
  }

  recordRejected(count: number): void {
    this.rejected += count;
  }

  recordEvicted(count: number): void {
    this.evicted += count;
  }

  setViewers(count: number): void {
    this.viewers = count;
  }

  /** Starts over in a new epoch; the panics themselves are the sealer's to count. */
  reset(): void {
    this.totalReceived = 0;
    this.lastLogAt = null;
    this.perLevel = emptyLevels();
    this.perService = new Map();
    this.perDoor = {};
    this.maskedPerType = {};
    this.rejected = 0;
    this.evicted = 0;
    this.truncated = 0;
    this.buckets = new Float64Array(HISTORY_SECONDS);
    this.bucketSecond = Math.floor(this.now() / 1000);
  }

  snapshot(context: SnapshotContext): MetricsSnapshot {
    const at = this.now();
    this.advance(at);
    const history: number[] = [];
    for (let back = HISTORY_SECONDS; back >= 1; back -= 1) {
      history.push(this.buckets[(this.bucketSecond - back) % HISTORY_SECONDS]);
    }
    const { epoch } = context;
    return {
      totalReceived: this.totalReceived,
      lastLogAt: iso(this.lastLogAt),
      perLevel: { ...this.perLevel },
      perDoor: { ...this.perDoor },
      perService: topServices(this.perService),
      maskedPerType: { ...this.maskedPerType },
      rate: {
        lastSecond: history[history.length - 1],
        lastMinute: history.reduce((sum, value) => sum + value, 0) / HISTORY_SECONDS,
        history,
      },
      rejected: this.rejected,
      evicted: this.evicted,
      truncated: this.truncated,
      storedEntries: context.storedEntries,
      storedBytes: context.storedBytes,
      viewers: this.viewers,
      panicCount: epoch.panicCount,
      lastPanicAt: epoch.lastPanicAt,
      epoch: epoch.epoch,
      lockdown: epoch.lockdown,
      uptimeSeconds: Math.floor((at - this.startedAt) / 1000),
    };
  }

  private countService(service: string, count: number): void {
    const known = this.perService.get(service);
    if (known !== undefined) this.perService.set(service, known + count);
    else if (this.perService.size < TRACKED_SERVICES) this.perService.set(service, count);
    else this.perService.set(OTHER, (this.perService.get(OTHER) ?? 0) + count);
  }

  /** Moves the per-second ring forward to `at`, zeroing the seconds that saw no entries. */
  private advance(at: number): void {
    const second = Math.floor(at / 1000);
    const steps = Math.min(second - this.bucketSecond, HISTORY_SECONDS);
    for (let step = 1; step <= steps; step += 1) {
      this.buckets[(this.bucketSecond + step) % HISTORY_SECONDS] = 0;
    }
    if (second > this.bucketSecond) this.bucketSecond = second;
  }
}

function emptyLevels(): Record<LogLevel, number> {
  return Object.fromEntries(LOG_LEVELS.map((level) => [level, 0])) as Record<LogLevel, number>;
}

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

/** The busiest services by count; the rest, and anything already counted as other, summed under `(other)`. */
export function topServices(counts: Iterable<readonly [string, number]>): Record<string, number> {
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const top: Record<string, number> = {};
  let other = 0;
  for (const [index, [service, count]] of ranked.entries()) {
    if (index < REPORTED_SERVICES && service !== OTHER) top[service] = count;
    else other += count;
  }
  if (other > 0) top[OTHER] = other;
  return top;
}
