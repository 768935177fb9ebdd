import type { LogEntry, PanicEvent, ResumeEvent } from '@redtail/contracts';

/** Where `LogService` sends what dashboards should hear; the gateway registers itself. */
export interface BroadcastSink {
  /** True when anyone would receive `deliver`; lets the pipeline skip building entries. */
  readonly listening: boolean;
  /** Entries just stored (or relayed from another node), oldest first. */
  deliver(delivery: LiveDelivery): void;
  panicked(event: PanicEvent): void;
  resumed(event: ResumeEvent): void;
}

/** What one turn of the pipeline (or one relayed block) gives the viewers. */
export interface LiveDelivery {
  /** Each entry's size as sent (bytes of JSON, estimated), which bounds what a slow client holds. */
  readonly sizes: readonly number[];
  /**
   * Each entry's `LiveRow` as JSON, with or without its context (`withContext: false`), spliced
   * from what the sender holds on the first ask for each; absent when it holds none (a relayed
   * block), and the sink makes them from the entries.
   */
  rows?(withContext: boolean): readonly string[];
  /** The entries, oldest first: built only when asked (a filter needs them, rows do not). */
  entries(): readonly LogEntry[];
}
