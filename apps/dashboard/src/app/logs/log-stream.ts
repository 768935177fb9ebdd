import { Injectable, Injector, inject, signal } from '@angular/core';
import { splitWhere } from '@redtail/contracts';
import type {
  CompiledLogFilter,
  LogEntry,
  LogFilter,
  MetricsSnapshot,
  PanicEvent,
} from '@redtail/contracts';
import { readsContext } from './field-columns';
import { LogApi } from './log-api';
import { wholeEntries } from './whole-entries';
import { LogBuffer, ResumeSummary } from './log-buffer';
import { compileFilter, sameFilter } from './log-filter';
import { FRAME_SCHEDULER, LOG_SOCKET_FACTORY } from './log-socket';
import { FreshLines } from './fresh-lines';
import { LiveStatus } from './live-status';
import { RENDER_PACER } from './render-pacer';
import { ConnectionState, LogSubscription, SubscriptionListener } from './log-subscription';

export { DEFAULT_CAPACITY, MAX_CAPACITY, MIN_CAPACITY } from './log-buffer';
export type { ResumeSummary } from './log-buffer';
export { FRESH_LIMIT, FRESH_WINDOW_MS } from './fresh-lines';
export { BACKFILL } from './log-subscription';
export type { ConnectionState } from './log-subscription';

/** Lines asked for when a time range opens; "Load older" pages back from there. */
export const RANGE_PAGE = 200;

/** A past time range shown instead of the live tail (epoch milliseconds, both ends included). */
export interface TimeRange {
  since: number;
  until: number;
}

/**
 * What the components see of the live tail: signals over a `LogSubscription` (the socket
 * protocol), a `LogBuffer` (the bounded lines), `LiveStatus` (metrics, panic, lockdown) and
 * `FreshLines` (the highlight); this class only routes between them. Incoming lines are collected in a plain array
 * and handed to the buffer once per animation frame, so a burst of thousands of lines per second
 * costs one change detection per frame. Provided in root for the main view; a component that
 * lists `LogStream` in its providers gets a second, independent stream (the split view).
 */
@Injectable({ providedIn: 'root' })
export class LogStream {
  private readonly openSocket = inject(LOG_SOCKET_FACTORY);
  private readonly nextFrame = inject(FRAME_SCHEDULER);
  private readonly pacer = inject(RENDER_PACER);
  // Looked up on first use: most views never pick a range and need no HTTP client for the tail.
  private readonly injector = inject(Injector);

  private subscription: LogSubscription | null = null;
  private filter: LogFilter = {};
  /** The live filter, compiled once: it runs on every incoming line. */
  private matcher: CompiledLogFilter = compileFilter({});
  private readonly liveBuffer = new LogBuffer();
  /** Set while a past range is shown; the live buffer waits untouched behind it. */
  private rangeView: { range: TimeRange; buffer: LogBuffer } | null = null;
  private incoming: LogEntry[] = [];
  private flushScheduled = false;
  /** A field column on screen reads the context of the lines (`setColumnsReadContext`). */
  private columnsReadContext = false;

  private readonly status = new LiveStatus();
  private readonly fresh = new FreshLines();

  private readonly _lines = signal<readonly LogEntry[]>([]);
  private readonly _connection = signal<ConnectionState>('offline');
  private readonly _paused = signal(false);
  private readonly _pending = signal(0);
  private readonly _capacity = signal(this.liveBuffer.capacity);
  private readonly _droppedByCap = signal(0);
  private readonly _droppedByServer = signal(0);
  private readonly _resumeSummary = signal<ResumeSummary | null>(null);
  private readonly _contextGone = signal<ReadonlySet<string>>(new Set());
  private readonly _refusal = signal<string | null>(null);
  private readonly _error = signal<string | null>(null);
  private readonly _loading = signal(false);
  private readonly _view = signal(0);
  private readonly _range = signal<TimeRange | null>(null);

  /** Oldest first, at most `capacity()` lines. */
  readonly lines = this._lines.asReadonly();
  readonly connection = this._connection.asReadonly();
  readonly metrics = this.status.metrics;
  /** The last panic seen while this dashboard was open, until dismissed. */
  readonly panic = this.status.panic;
  readonly lockdown = this.status.lockdown;
  readonly paused = this._paused.asReadonly();
  /** Lines that arrived while paused and are not shown yet. */
  readonly pending = this._pending.asReadonly();
  readonly capacity = this._capacity.asReadonly();
  /** Lines removed from this tab because the buffer was full. */
  readonly droppedByCap = this._droppedByCap.asReadonly();
  /** Lines the server could not deliver (slow connection, evicted before a resume). */
  readonly droppedByServer = this._droppedByServer.asReadonly();
  readonly resumeSummary = this._resumeSummary.asReadonly();
  /**
   * Ids of live lines received without their context that the store no longer had when a field
   * column asked for it: their cells say the value is gone rather than loading.
   */
  readonly contextGone = this._contextGone.asReadonly();
  /** Why the server refused the connection (e.g. an unknown key); the socket gives up then. */
  readonly refusal = this._refusal.asReadonly();
  readonly error = this._error.asReadonly();
  /** Lines with at least this seq arrived in the latest frame and are highlighted. */
  readonly freshFromSeq = this.fresh.fromSeq;
  /** Counts the frames that highlighted lines, so a reused row can restart its highlight. */
  readonly freshBatch = this.fresh.batch;
  /** True until the first acknowledgement of a subscription (or a range's first page) arrives. */
  readonly loading = this._loading.asReadonly();
  /** Changes whenever the view starts over (filter, clear, panic, new epoch, range). */
  readonly view = this._view.asReadonly();
  /** Bumped on every `panic` and `resumed` event, so the audit trail knows to look again. */
  readonly securityEvents = this.status.securityEvents;
  /** The past range shown instead of the live tail; null while live. */
  readonly range = this._range.asReadonly();

  private readonly listener: SubscriptionListener = {
    connection: (state) => this._connection.set(state),
    entries: (entries) => this.receive(entries),
    acknowledged: () => this._loading.set(false),
    lockdown: (lockdown) => this.status.setLockdown(lockdown),
    dropped: (count) => this._droppedByServer.update((n) => n + count),
    refused: (message) => this._refusal.set(message),
    error: (message) => this._error.set(message),
    startOver: () => {
      this.incoming = [];
      this.liveBuffer.clear();
      this.resetView();
    },
    metrics: (snapshot) => this.status.pushed(snapshot),
    panic: (event) => {
      this.applyPanic(event);
      this.status.securityEvent();
    },
    resumed: () => {
      this.status.setLockdown(false);
      this.status.securityEvent();
    },
  };

  /** The filter of the current view: the live one, with the range's bounds while one is shown. */
  get activeFilter(): LogFilter {
    const range = this.rangeView?.range;
    return range ? { ...this.filter, since: range.since, until: range.until } : this.filter;
  }

  /** The newest seq the live subscription has received, shown or not yet; 0 before any. */
  get newestSeq(): number {
    return this.subscription?.newestSeen ?? 0;
  }

  private get buffer(): LogBuffer {
    return this.rangeView?.buffer ?? this.liveBuffer;
  }

  connect(token: string | null): void {
    this.disconnect();
    this._refusal.set(null);
    this._connection.set('reconnecting');
    this._loading.set(true);
    this.subscription = new LogSubscription(
      this.openSocket(token),
      this.filter,
      this.listener,
      () => this.liveBuffer.capacity,
    );
    this.subscription.setWithContext(this.wantsContext());
  }

  disconnect(): void {
    this.subscription?.close();
    this.subscription = null;
    this._connection.set('offline');
    this.status.reset();
    this.rangeView = null;
    this._range.set(null);
    this.incoming = [];
    this.liveBuffer.clear();
    this.resetView();
  }

  /** The tag of the server's key epoch, as its last acknowledgement gave it; null while unknown. */
  epochTag(): string | null {
    return this.subscription?.epochTag ?? null;
  }

  /** Re-subscribes with the new filter; the server also applies it to the backfill. */
  setFilter(filter: LogFilter): void {
    if (sameFilter(filter, this.filter)) return;
    this.filter = filter;
    this.matcher = compileFilter(filter);
    this.incoming = [];
    this.liveBuffer.clear();
    this.subscription?.setFilter(filter, this.wantsContext());
    if (this.rangeView) this.loadRange(this.rangeView.range);
    else this.resetView();
  }

  /**
   * Live lines travel without their context unless something on screen reads it (a field column
   * here, or a field condition of the filter): about half the bytes a tab receives and collects
   * (bench/findings.md). The detail pane and exports fetch a line whole when they need it. When a
   * column starts reading it, the subscription resumes with it and the lines held without it are
   * filled in from the store, so the column has values at once and nothing leaves the screen.
   */
  setColumnsReadContext(read: boolean): void {
    if (read === this.columnsReadContext) return;
    const wanted = this.wantsContext();
    this.columnsReadContext = read;
    if (this.wantsContext() === wanted) return;
    this.subscription?.setWithContext(!wanted);
    if (!wanted) this.fillInContext();
  }

  pause(): void {
    if (this.buffer.pause()) this.publish();
  }

  /** Shows everything that arrived while paused (as much as the buffer holds). */
  resume(): void {
    if (!this.buffer.paused) return;
    this.flushNow();
    this.fresh.shown(this.buffer.resume());
    this.publish();
  }

  clear(): void {
    this.incoming = [];
    this.buffer.clear();
    this.resetView();
  }

  setCapacity(capacity: number): void {
    if (!this.liveBuffer.setCapacity(capacity)) return;
    this.rangeView?.buffer.setCapacity(capacity);
    this.publish();
  }

  /**
   * Shows the lines of a past range instead of the live tail: live delivery stops (the server
   * keeps what arrives meanwhile), the first page of the range is fetched over HTTP, and "Load
   * older" pages back within the range. `backToLive` returns to the tail without a gap.
   */
  pauseForRange(since: number, until: number): void {
    this.flushNow();
    this.subscription?.stop();
    this.loadRange({ since: Math.min(since, until), until: Math.max(since, until) });
  }

  /**
   * Back to the live tail as it was, then resumes the subscription after the last seq seen: the
   * server replays what arrived in the meantime, and seqs already shown are dropped by the seen
   * set, so there is neither a gap nor a duplicate.
   */
  backToLive(): void {
    if (!this.rangeView) return;
    this.rangeView = null;
    this._range.set(null);
    this._view.update((n) => n + 1);
    if (this.subscription?.connected) this._loading.set(true);
    this.subscription?.start();
    this.publish();
  }

  /**
   * A snapshot fetched over HTTP while the socket has not pushed one yet; a push or a panic in
   * the meantime wins, so a slow response never shows stale counters.
   */
  offerMetrics(snapshot: MetricsSnapshot): void {
    this.status.offer(snapshot, this.subscription?.epoch ?? null);
  }

  /**
   * Where history stops: the oldest seq shown or held, or (live) just past the newest seen when
   * the screen was cleared; null before anything arrived, or for a range not yet loaded.
   */
  historyCursor(): number | null {
    let oldest = this.buffer.oldestSeq() ?? Infinity;
    if (!this.rangeView)
      for (const entry of this.incoming) if (entry.seq < oldest) oldest = entry.seq;
    if (oldest !== Infinity) return oldest;
    const newest = this.rangeView ? 0 : (this.subscription?.newestSeen ?? 0);
    return newest > 0 ? newest + 1 : null;
  }

  /** How many older lines still fit: the buffer is shared with what arrives live. */
  historyRoom(): number {
    return this.buffer.room();
  }

  /**
   * Puts older lines from history (any order) in front of what is shown. Only lines older than
   * the cursor, matching the view's filter and within the buffer's free room are taken; returns
   * how many were.
   */
  prependOlder(entries: readonly LogEntry[]): number {
    const matcher = this.rangeView ? compileFilter(this.activeFilter) : this.matcher;
    const matching = entries.filter((entry) => matcher.matchesEntry(entry));
    const taken = this.buffer.prepend(matching, this.historyCursor() ?? Infinity);
    // Marked as seen so the same line relayed late by another node is not shown twice. A range's
    // lines are not: the live resume must still replay those it did not deliver.
    if (!this.rangeView) for (const entry of taken) this.subscription?.markSeen(entry.seq);
    if (taken.length) this.publish();
    return taken.length;
  }

  dismissPanic(): void {
    this.status.dismissPanic();
  }

  dismissResumeSummary(): void {
    this.buffer.dismissResumeSummary();
    this.publish();
  }

  /** Applies a panic (from the socket or from our own request): everything shown is gone. */
  applyPanic(event: PanicEvent): void {
    if (!this.status.panicked(event, this.subscription?.epoch ?? null)) return;
    this.subscription?.panicked(event.epoch, event.epochTag);
    this.incoming = [];
    this.liveBuffer.clear();
    this.rangeView?.buffer.clear();
    this.resetView();
  }

  setLockdown(lockdown: boolean): void {
    this.status.setLockdown(lockdown);
  }

  /**
   * Fetches whole the live lines held without their context (lines the buffer drops meanwhile
   * are simply not found). A view that starts over meanwhile (filter, clear, panic) drops the
   * answer; lines the store no longer has keep their marker and are noted as gone (unless a page
   * failed: then they may still be stored, and stay "not loaded").
   */
  private fillInContext(): void {
    this.flushNow();
    const buffer = this.liveBuffer;
    const lines = [...buffer.lines, ...buffer.held];
    if (!lines.some((line) => line.contextWithheld)) return;
    const view = this._view();
    const api = this.injector.get(LogApi);
    wholeEntries(lines, this.filter, (filter, before, limit) =>
      api.older(filter, before, limit),
    ).subscribe(({ lines: whole, failed }) => {
      if (this._view() !== view) return;
      const found = new Map<string, LogEntry>();
      const gone: string[] = [];
      for (const line of whole) {
        if (!line.contextWithheld) found.set(line.id, line);
        else if (!failed) gone.push(line.id);
      }
      if (buffer.fillIn(found, gone)) this.publish();
    });
  }

  private wantsContext(): boolean {
    return (
      this.columnsReadContext ||
      (this.filter.where ?? []).some((condition) => readsContext(splitWhere(condition).path))
    );
  }

  private loadRange(range: TimeRange): void {
    const buffer = new LogBuffer();
    buffer.setCapacity(this.liveBuffer.capacity);
    const view = { range, buffer };
    this.rangeView = view;
    this._range.set(range);
    this._loading.set(true);
    this._error.set(null);
    this.resetView();
    const limit = Math.min(RANGE_PAGE, buffer.capacity);
    this.injector
      .get(LogApi)
      .older(this.activeFilter, null, limit)
      .subscribe({
        next: (page) => {
          if (this.rangeView !== view) return;
          this._loading.set(false);
          this.prependOlder(page.entries);
        },
        error: () => {
          if (this.rangeView !== view) return;
          this._loading.set(false);
          this._error.set('The lines of this time range could not be loaded.');
        },
      });
  }

  /** Starts the view over: counters, highlights and history progress are of the old one. */
  private resetView(): void {
    this._view.update((n) => n + 1);
    this._droppedByServer.set(0);
    this.publish();
  }

  private receive(entries: readonly LogEntry[]): void {
    const matcher = this.matcher;
    const before = this.incoming.length;
    for (const entry of entries) if (matcher.matchesEntry(entry)) this.incoming.push(entry);
    this.pacer.arrived(this.incoming.length - before);
    const cap = this.liveBuffer.capacity;
    if (this.incoming.length > cap) {
      const over = this.incoming.length - cap;
      // Out-of-order batches leave arrival order unsorted: the lowest seqs are the ones to lose.
      this.incoming = this.incoming.sort((a, b) => a.seq - b.seq).slice(over);
      this.liveBuffer.countLost(over);
      this.publish();
    }
    if (this.incoming.length && !this.flushScheduled) this.flushOnAFrame();
  }

  /** Renders the collected lines on the next frame the pacer allows (every other one when busy). */
  private flushOnAFrame(): void {
    this.flushScheduled = true;
    this.nextFrame(() => {
      if (this.pacer.mayRender()) this.flushNow();
      else this.flushOnAFrame();
    });
  }

  private flushNow(): void {
    this.flushScheduled = false;
    const batch = this.incoming;
    if (!batch.length) return;
    this.incoming = [];
    this.liveBuffer.add(batch);
    if (!this.rangeView && !this.liveBuffer.paused) this.fresh.shown(batch);
    this.publish();
  }

  /** Copies the buffer of the current view into the signals; unchanged values notify no one. */
  private publish(): void {
    const buffer = this.buffer;
    this._lines.set(buffer.lines);
    this._paused.set(buffer.paused);
    this._pending.set(buffer.pending);
    this._capacity.set(buffer.capacity);
    this._droppedByCap.set(buffer.droppedByCap);
    this._resumeSummary.set(buffer.resumeSummary);
    this._contextGone.set(buffer.contextGone);
  }
}
