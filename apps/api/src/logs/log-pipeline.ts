import type {
  BatchResult,
  IngestDoor,
  IngestResult,
  LogContext,
  LogEntry,
  LogPage,
  MetricsSnapshot,
  PanicEvent,
  ResumeResult,
} from '@redtail/contracts';
import type { CompiledFilter } from './log-filter';

/** The single-node pipeline answers synchronously; the cluster one waits on Redis. */
export type Awaitable<T> = T | Promise<T>;

export interface ListQuery {
  limit?: number;
  before?: number;
  after?: number;
  filter: CompiledFilter;
}

/** Where a set of entries came in, and the service an ingest key is bound to (it overrides theirs). */
export interface IngestOptions {
  door: IngestDoor;
  forcedService?: string;
}

export interface Replay {
  /** Oldest first. */
  entries: LogEntry[];
  missed: number;
}

/**
 * What the controllers and the gateway ask of the pipeline. `LogService` runs it
 * in this process; `ClusterLogService` runs the same story with the store, the
 * key and the panic shared through Redis. Exactly one is bound, at start-up.
 */
export abstract class LogPipeline {
  abstract ingest(body: unknown, forcedService?: string): Awaitable<IngestResult>;
  abstract ingestBatch(body: unknown, forcedService?: string): Awaitable<BatchResult>;
  /**
   * Entries a door has already decoded into the canonical shape (`LogInput` objects, or raw
   * pino/winston-style objects, as `POST /logs/batch` takes them); each is validated alone, so a bad
   * one is reported by index and never sinks the others. The door applies its own entry limit.
   */
  abstract ingestEntries(items: readonly unknown[], options: IngestOptions): Awaitable<BatchResult>;
  abstract list(query: ListQuery): Awaitable<LogPage>;
  abstract get(id: string): Awaitable<LogEntry>;
  abstract context(id: string, n: number): Awaitable<LogContext>;
  abstract replay(
    filter: CompiledFilter,
    options: { afterSeq?: number; backfill?: number },
  ): Awaitable<Replay>;
  abstract metricsSnapshot(): Awaitable<MetricsSnapshot>;
  abstract get epoch(): number;
  abstract get lockedDown(): boolean;
  abstract panic(lockdown?: boolean): Awaitable<PanicEvent>;
  abstract resume(): Awaitable<ResumeResult>;
}
