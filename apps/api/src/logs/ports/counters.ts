import type { IngestDoor, LogLevel, MaskCounts, MetricsSnapshot } from '@redtail/contracts';
import type { Awaitable } from './awaitable';
import type { EpochState } from './sealer';

/** What one flush accepted, summed: a backend counts a batch in one step. */
export interface AcceptedCounts {
  total: number;
  perLevel: Partial<Record<LogLevel, number>>;
  perService: Map<string, number>;
  perDoor: Partial<Record<IngestDoor, number>>;
  masked: MaskCounts;
  truncated: number;
  /** Epoch milliseconds of the flush. */
  at: number;
}

/** What the counters cannot know by themselves. */
export interface SnapshotContext {
  storedEntries: number;
  storedBytes: number;
  epoch: EpochState;
}

/**
 * The metrics: counters and rates of this node (`MetricsService`), or of the whole cluster kept
 * in Redis with this node's own figures beside them (`ClusterCounters`).
 */
export abstract class Counters {
  abstract recordAccepted(counts: AcceptedCounts): void;
  abstract recordRejected(count: number, door: IngestDoor): void;
  abstract recordEvicted(count: number): void;
  abstract setViewers(count: number): void;
  /** Starts over in a new epoch, keeping what describes the panics themselves. */
  abstract reset(): void;
  abstract snapshot(context: SnapshotContext): Awaitable<MetricsSnapshot>;
}
