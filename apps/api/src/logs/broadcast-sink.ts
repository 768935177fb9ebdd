import type { LogEntry, PanicEvent, ResumeEvent } from '@redtail/contracts';

/** Where `LogService` sends what dashboards should hear; the gateway registers itself. */
export interface BroadcastSink {
  /** True when anyone would receive `deliver`; lets the pipeline skip building entries. */
  readonly listening: boolean;
  /**
   * Entries just stored (or relayed from another node), oldest first, with each one's size as
   * sent (bytes of JSON, estimated), which bounds what a slow client may hold, and, when the
   * caller has them already, each one's `LiveRow` as JSON (else the sink serialises them).
   */
  deliver(entries: LogEntry[], sizes: readonly number[], rows?: readonly string[]): void;
  panicked(event: PanicEvent): void;
  resumed(event: ResumeEvent): void;
}
