import type { LogEntry, PanicEvent, ResumeEvent } from '@redtail/contracts';

/** Where broadcasts go; the gateway registers itself. */
export interface BroadcastSink {
  /** True when anyone would receive `deliver`; lets ingest skip building the batch. */
  readonly listening: boolean;
  deliver(entries: LogEntry[]): void;
  panicked(event: PanicEvent): void;
  resumed(event: ResumeEvent): void;
}

/**
 * Collects what is accepted during one event-loop turn and hands it to the
 * sink on the next (`setImmediate`): an idle system delivers within a
 * millisecond, a loaded one batches by itself, and nothing waits on a timer.
 */
export class LogBroadcaster {
  private sink: BroadcastSink | undefined;
  private pending: LogEntry[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private delivered = 0;

  attach(sink: BroadcastSink): void {
    this.sink = sink;
  }

  /** At shutdown: what the last turn accepted is still delivered, then nothing more. */
  detach(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.flush();
    this.sink = undefined;
  }

  get listening(): boolean {
    return this.sink?.listening ?? false;
  }

  /**
   * Highest seq already handed to the sink, or skipped because nobody listened.
   * Anything above it will still arrive through `deliver`, so a new
   * subscriber's backfill stops here to avoid duplicates.
   */
  get deliveredThrough(): number {
    return this.delivered;
  }

  /**
   * False when `publish` would drop the entries anyway (nobody listens and nothing is
   * pending), so ingest can skip building them and call `skipThrough` instead.
   */
  get wantsEntries(): boolean {
    return this.pending.length > 0 || this.listening;
  }

  /** Records that entries up to `seq` were accepted while nobody listened. */
  skipThrough(seq: number): void {
    if (this.wantsEntries) throw new Error('skipThrough while entries are wanted; publish them');
    this.delivered = seq;
  }

  publish(entries: LogEntry[]): void {
    if (entries.length === 0) return;
    if (!this.listening && this.pending.length === 0) {
      this.delivered = entries[entries.length - 1].seq;
      return;
    }
    for (const entry of entries) this.pending.push(entry);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  panic(event: PanicEvent): void {
    this.cancel();
    this.sink?.panicked(event);
  }

  resumed(event: ResumeEvent): void {
    this.sink?.resumed(event);
  }

  private flush(): void {
    this.scheduled = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.delivered = batch[batch.length - 1].seq;
    this.sink?.deliver(batch);
  }

  /** Entries of a wiped epoch must never reach a dashboard after its `panic` event. */
  private cancel(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length > 0) this.delivered = this.pending[this.pending.length - 1].seq;
    this.pending = [];
  }
}
