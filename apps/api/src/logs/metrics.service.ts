import { Injectable } from '@nestjs/common';
import { LOG_LEVELS, LogLevel, MaskCounts, MetricsSnapshot } from '@redtail/contracts';

/** Distinct services counted exactly; more than this and new names count as `(other)`, so memory stays flat. */
const TRACKED_SERVICES = 1_000;
/** Services named in a snapshot; the rest are summed under `(other)`. */
const REPORTED_SERVICES = 20;
const OTHER = '(other)';
export const HISTORY_SECONDS = 60;

/** State kept outside the counters: the store, the gateway and the key own these. */
export interface MetricsContext {
  storedEntries: number;
  storedBytes: number;
  epoch: number;
  lockdown: boolean;
}

/** Counters and rates; pure bookkeeping, no I/O. `now` is injectable so rates can be tested. */
@Injectable()
export class MetricsService {
  private readonly startedAt: number;
  private totalReceived = 0;
  private lastLogAt: number | null = null;
  private perLevel = emptyLevels();
  private perService = new Map<string, number>();
  private maskedPerType: Record<string, number> = {};
  private rejected = 0;
  private evicted = 0;
  private truncated = 0;
  private viewers = 0;
  private panicCount = 0;
  private lastPanicAt: number | null = null;
  private buckets = new Float64Array(HISTORY_SECONDS);
  private bucketSecond = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
    this.bucketSecond = Math.floor(this.startedAt / 1000);
  }

  recordAccepted(level: LogLevel, service: string, masked: MaskCounts, truncated: boolean): void {
    const at = this.now();
    this.totalReceived += 1;
    this.lastLogAt = at;
    this.perLevel[level] += 1;
    this.countService(service);
    for (const type in masked) {
      this.maskedPerType[type] = (this.maskedPerType[type] ?? 0) + (masked[type] ?? 0);
    }
    if (truncated) this.truncated += 1;
    this.advance(at);
    this.buckets[this.bucketSecond % HISTORY_SECONDS] += 1;
  }

  recordRejected(count = 1): void {
    this.rejected += count;
  }

  recordEvicted(count: number): void {
    this.evicted += count;
  }

  setViewers(count: number): void {
    this.viewers = count;
  }

  /** Starts over after a panic, keeping what describes the panics themselves. */
  recordPanic(): void {
    const at = this.now();
    this.totalReceived = 0;
    this.lastLogAt = null;
    this.perLevel = emptyLevels();
    this.perService = new Map();
    this.maskedPerType = {};
    this.rejected = 0;
    this.evicted = 0;
    this.truncated = 0;
    this.buckets = new Float64Array(HISTORY_SECONDS);
    this.bucketSecond = Math.floor(at / 1000);
    this.panicCount += 1;
    this.lastPanicAt = at;
  }

  snapshot(context: MetricsContext): MetricsSnapshot {
    const at = this.now();
    this.advance(at);
    const history: number[] = [];
    for (let back = HISTORY_SECONDS; back >= 1; back -= 1) {
      history.push(this.buckets[(this.bucketSecond - back) % HISTORY_SECONDS]);
    }
    return {
      totalReceived: this.totalReceived,
      lastLogAt: iso(this.lastLogAt),
      perLevel: { ...this.perLevel },
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
      panicCount: this.panicCount,
      lastPanicAt: iso(this.lastPanicAt),
      epoch: context.epoch,
      lockdown: context.lockdown,
      uptimeSeconds: Math.floor((at - this.startedAt) / 1000),
    };
  }

  private countService(service: string): void {
    const known = this.perService.get(service);
    if (known !== undefined) this.perService.set(service, known + 1);
    else if (this.perService.size < TRACKED_SERVICES) this.perService.set(service, 1);
    else this.perService.set(OTHER, (this.perService.get(OTHER) ?? 0) + 1);
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
