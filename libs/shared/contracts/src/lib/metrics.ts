import type { LogLevel } from './levels';
import type { MaskCounts } from './logs';

export interface MetricsSnapshot {
  totalReceived: number;
  lastLogAt: string | null;
  perLevel: Record<LogLevel, number>;
  /** Top services by count; the rest are summed under `(other)`. */
  perService: Record<string, number>;
  maskedPerType: MaskCounts;
  rate: {
    /** Entries accepted in the last whole second. */
    lastSecond: number;
    /** Mean entries per second over the last 60 s. */
    lastMinute: number;
    /** Per-second counts for the last 60 s, oldest first. */
    history: number[];
  };
  rejected: number;
  evicted: number;
  truncated: number;
  storedEntries: number;
  storedBytes: number;
  viewers: number;
  panicCount: number;
  lastPanicAt: string | null;
  epoch: number;
  lockdown: boolean;
  uptimeSeconds: number;
}
