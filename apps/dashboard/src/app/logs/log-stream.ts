import { Injectable, inject, signal } from '@angular/core';
import type {
  DroppedEvent,
  HandshakeErrorData,
  LogEntry,
  LogFilter,
  MetricsSnapshot,
  PanicEvent,
  SubscribeAck,
  SubscribeRequest,
} from '@redtail/contracts';
import { matchesFilter, sameFilter } from './log-filter';
import { FRAME_SCHEDULER, LOG_SOCKET_FACTORY, LogSocket } from './log-socket';
import { SeenSeqs } from './seen-seqs';
import { mergeBounded } from './seq-merge';

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

export const DEFAULT_CAPACITY = 10_000;
export const MIN_CAPACITY = 100;
export const MAX_CAPACITY = 100_000;
/** Frames that bring more lines than this highlight none of them. */
export const FRESH_LIMIT = 50;
/** Lines asked for when (re)subscribing without a cursor. */
export const BACKFILL = 200;

/** What a resume after a pause brought back. */
export interface ResumeSummary {
  arrived: number;
  /** Lines that arrived while paused but did not fit in the buffer. */
  dropped: number;
}

function lowestSeq(entries: readonly LogEntry[]): number {
  let lowest = entries[0].seq;
  for (const entry of entries) if (entry.seq < lowest) lowest = entry.seq;
  return lowest;
}

/**
 * The one socket of the dashboard: messages in, signals out. Incoming lines are collected in
 * a plain array and applied once per animation frame, so a burst of thousands of lines per
 * second costs one change detection per frame and the tab's memory stays bounded.
 */
@Injectable({ providedIn: 'root' })
export class LogStream {
  private readonly openSocket = inject(LOG_SOCKET_FACTORY);
  private readonly nextFrame = inject(FRAME_SCHEDULER);

  private socket: LogSocket | null = null;
  private filter: LogFilter = {};
  private readonly seen = new SeenSeqs();
  private epoch: number | null = null;
  private generation = 0;
  private awaitingAck = false;
  private beforeAck: LogEntry[] = [];
  private incoming: LogEntry[] = [];
  private held: LogEntry[] = [];
  private flushScheduled = false;

  private readonly _lines = signal<readonly LogEntry[]>([]);
  private readonly _connection = signal<ConnectionState>('offline');
  private readonly _metrics = signal<MetricsSnapshot | null>(null);
  private readonly _panic = signal<PanicEvent | null>(null);
  private readonly _lockdown = signal(false);
  private readonly _paused = signal(false);
  private readonly _pending = signal(0);
  private readonly _capacity = signal(DEFAULT_CAPACITY);
  private readonly _droppedByCap = signal(0);
  private readonly _droppedByServer = signal(0);
  private readonly _resumeSummary = signal<ResumeSummary | null>(null);
  private readonly _refusal = signal<string | null>(null);
  private readonly _error = signal<string | null>(null);
  private readonly _freshFromSeq = signal(0);
  private readonly _freshBatch = signal(0);
  private readonly _loading = signal(false);
  private readonly _view = signal(0);
  private readonly _securityEvents = signal(0);

  /** Oldest first, at most `capacity()` lines. */
  readonly lines = this._lines.asReadonly();
  readonly connection = this._connection.asReadonly();
  readonly metrics = this._metrics.asReadonly();
  /** The last panic seen while this dashboard was open, until dismissed. */
  readonly panic = this._panic.asReadonly();
  readonly lockdown = this._lockdown.asReadonly();
  readonly paused = this._paused.asReadonly();
  /** Lines that arrived while paused and are not shown yet. */
  readonly pending = this._pending.asReadonly();
  readonly capacity = this._capacity.asReadonly();
  /** Lines removed from this tab because the buffer was full. */
  readonly droppedByCap = this._droppedByCap.asReadonly();
  /** Lines the server could not deliver (slow connection, evicted before a resume). */
  readonly droppedByServer = this._droppedByServer.asReadonly();
  readonly resumeSummary = this._resumeSummary.asReadonly();
  /** Why the server refused the connection (e.g. an unknown key); the socket gives up then. */
  readonly refusal = this._refusal.asReadonly();
  readonly error = this._error.asReadonly();
  /** Lines with at least this seq arrived in the latest frame and are highlighted. */
  readonly freshFromSeq = this._freshFromSeq.asReadonly();
  /** Counts the frames that highlighted lines, so a reused row can restart its highlight. */
  readonly freshBatch = this._freshBatch.asReadonly();
  /** True until the first acknowledgement of a subscription arrives. */
  readonly loading = this._loading.asReadonly();
  /** Changes whenever the view starts over (filter, clear, panic, new epoch). */
  readonly view = this._view.asReadonly();
  /** Bumped on every `panic` and `resumed` event, so the audit trail knows to look again. */
  readonly securityEvents = this._securityEvents.asReadonly();

  /** The filter of the current subscription. */
  get activeFilter(): LogFilter {
    return this.filter;
  }

  connect(token: string | null): void {
    this.disconnect();
    this._refusal.set(null);
    this._connection.set('reconnecting');
    this._loading.set(true);
    const socket = this.openSocket(token);
    this.socket = socket;
    socket.on('connect', () => {
      this._connection.set('connected');
      this._error.set(null);
      this.subscribe();
    });
    socket.on('disconnect', () => {
      this._connection.set(socket.active ? 'reconnecting' : 'offline');
    });
    socket.on('connect_error', (error: Error) => {
      if (socket.active) {
        this._connection.set('reconnecting');
        return;
      }
      this._connection.set('offline');
      const code = (error as Error & { data?: Partial<HandshakeErrorData> }).data?.code;
      // Too many tabs on one key is not a bad key: say so without signing out.
      if (code === 'too-many-sockets') this._error.set(error.message);
      else this._refusal.set(error.message || 'The server refused the connection.');
    });
    socket.on('logs', (entries) => this.onLogs(entries));
    socket.on('metrics', (snapshot) => {
      this._metrics.set(snapshot);
      this._lockdown.set(snapshot.lockdown);
    });
    socket.on('panic', (event) => {
      this.applyPanic(event);
      this._securityEvents.update((n) => n + 1);
    });
    socket.on('resumed', () => {
      this._lockdown.set(false);
      this._securityEvents.update((n) => n + 1);
    });
    socket.on('dropped', (event: DroppedEvent) =>
      this._droppedByServer.update((n) => n + event.count),
    );
  }

  disconnect(): void {
    if (this.socket) {
      this.socket.removeAllListeners();
      this.socket.disconnect();
      this.socket = null;
    }
    this._connection.set('offline');
    this.seen.reset();
    this.epoch = null;
    this._metrics.set(null);
    this._panic.set(null);
    this._lockdown.set(false);
    this.resetView();
  }

  /** Re-subscribes with the new filter; the server also applies it to the backfill. */
  setFilter(filter: LogFilter): void {
    if (sameFilter(filter, this.filter)) return;
    this.filter = filter;
    this.seen.reset();
    this.resetView();
    if (this.socket?.connected) this.subscribe();
  }

  pause(): void {
    if (this._paused()) return;
    this._paused.set(true);
    this._resumeSummary.set(null);
  }

  /** Shows everything that arrived while paused (as much as the buffer holds). */
  resume(): void {
    if (!this._paused()) return;
    this.flushNow();
    const held = this.held;
    const arrived = this._pending();
    const droppedWhilePaused = arrived - held.length;
    this.held = [];
    this._pending.set(0);
    this._paused.set(false);
    this.show(held);
    this._resumeSummary.set(arrived ? { arrived, dropped: droppedWhilePaused } : null);
  }

  clear(): void {
    this.incoming = [];
    this.resetView();
  }

  setCapacity(capacity: number): void {
    const bounded = Math.round(Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, capacity)));
    if (!Number.isFinite(bounded)) return;
    this._capacity.set(bounded);
    const lines = this._lines();
    if (lines.length > bounded) {
      this._droppedByCap.update((n) => n + lines.length - bounded);
      this._lines.set(lines.slice(lines.length - bounded));
    }
  }

  /**
   * A snapshot fetched over HTTP while the socket has not pushed one yet; a push or a panic in
   * the meantime wins, so a slow response never shows stale counters.
   */
  offerMetrics(snapshot: MetricsSnapshot): void {
    if (this._metrics() !== null || (this.epoch !== null && snapshot.epoch !== this.epoch)) return;
    this._metrics.set(snapshot);
    this._lockdown.set(snapshot.lockdown);
  }

  /**
   * Where history stops: the oldest seq shown or held, or just past the newest seen when the
   * screen was cleared; null before anything arrived.
   */
  historyCursor(): number | null {
    let oldest = Math.min(this._lines()[0]?.seq ?? Infinity, this.held[0]?.seq ?? Infinity);
    for (const entry of this.incoming) if (entry.seq < oldest) oldest = entry.seq;
    if (oldest !== Infinity) return oldest;
    return this.seen.newest > 0 ? this.seen.newest + 1 : null;
  }

  /** How many older lines still fit: the buffer is shared with what arrives live. */
  historyRoom(): number {
    return Math.max(0, this._capacity() - this._lines().length - this.held.length);
  }

  /**
   * Puts older lines from history (any order) in front of what is shown. Only lines older than
   * the cursor and within the buffer's free room are taken; returns how many were.
   */
  prependOlder(entries: readonly LogEntry[]): number {
    const cursor = this.historyCursor() ?? Infinity;
    const lines = this._lines();
    const room = this.historyRoom();
    const older = entries
      .filter((entry) => entry.seq < cursor && matchesFilter(entry, this.filter))
      .sort((a, b) => a.seq - b.seq);
    const taken = older.slice(Math.max(0, older.length - room));
    if (!taken.length) return 0;
    // Marked as seen so the same line relayed late by another node is not shown twice.
    for (const entry of taken) this.seen.add(entry.seq);
    this._lines.set(taken.concat(lines));
    return taken.length;
  }

  dismissPanic(): void {
    this._panic.set(null);
  }

  dismissResumeSummary(): void {
    this._resumeSummary.set(null);
  }

  /** Applies a panic (from the socket or from our own request): everything shown is gone. */
  applyPanic(event: PanicEvent): void {
    if (this._panic()?.epoch === event.epoch && this.epoch === event.epoch) return;
    this._panic.set(event);
    this.epoch = event.epoch;
    this._lockdown.set(event.lockdown);
    this._metrics.set(null);
    this.seen.reset();
    this.beforeAck = [];
    this.incoming = [];
    this.resetView();
  }

  setLockdown(lockdown: boolean): void {
    this._lockdown.set(lockdown);
  }

  private resetView(): void {
    this._view.update((n) => n + 1);
    this.held = [];
    this._lines.set([]);
    this._pending.set(0);
    this._droppedByCap.set(0);
    this._droppedByServer.set(0);
    this._resumeSummary.set(null);
  }

  private subscribe(): void {
    const socket = this.socket;
    if (!socket) return;
    const generation = ++this.generation;
    const resuming = this.seen.newest > 0;
    const request: SubscribeRequest = resuming
      ? { ...this.filter, afterSeq: this.seen.resumeAfter() }
      : { ...this.filter, backfill: BACKFILL };
    this.awaitingAck = true;
    this.beforeAck = [];
    socket.emit('subscribe', request, (ack: SubscribeAck) => {
      if (generation !== this.generation || socket !== this.socket) return;
      this.awaitingAck = false;
      this._loading.set(false);
      if (!ack.ok) {
        this._error.set(`The server refused the subscription: ${ack.error}`);
        return;
      }
      if (resuming && this.epoch !== null && ack.epoch !== this.epoch) {
        // A panic happened while we were away: what we show belongs to a wiped epoch.
        this.epoch = ack.epoch;
        this.seen.reset();
        this.resetView();
        this.subscribe();
        return;
      }
      this.epoch = ack.epoch;
      this._lockdown.set(ack.lockdown);
      if (ack.missed) this._droppedByServer.update((n) => n + ack.missed);
      const early = this.beforeAck;
      this.beforeAck = [];
      this.receive(early.length ? ack.entries.concat(early) : ack.entries);
    });
  }

  private onLogs(entries: LogEntry[]): void {
    if (!this.awaitingAck) {
      this.receive(entries);
      return;
    }
    // Lines pushed before the acknowledgement may belong to either subscription; they are
    // merged with the backfill by seq once it arrives.
    this.beforeAck.push(...entries);
    const cap = this._capacity();
    if (this.beforeAck.length > cap) this.beforeAck = this.beforeAck.slice(-cap);
  }

  private receive(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      if (!this.seen.add(entry.seq)) continue;
      if (matchesFilter(entry, this.filter)) this.incoming.push(entry);
    }
    const cap = this._capacity();
    if (this.incoming.length > cap) {
      const over = this.incoming.length - cap;
      // Out-of-order batches leave arrival order unsorted: the lowest seqs are the ones to lose.
      this.incoming = this.incoming.sort((a, b) => a.seq - b.seq).slice(over);
      this.countDropped(over);
    }
    if (this.incoming.length && !this.flushScheduled) {
      this.flushScheduled = true;
      this.nextFrame(() => this.flushNow());
    }
  }

  private countDropped(count: number): void {
    this._droppedByCap.update((n) => n + count);
    if (this._paused()) this._pending.update((n) => n + count);
  }

  private flushNow(): void {
    this.flushScheduled = false;
    const batch = this.incoming;
    if (!batch.length) return;
    this.incoming = [];
    if (this._paused()) {
      const { lines, dropped } = mergeBounded(this.held, batch, this._capacity());
      this.held = lines;
      this._pending.update((n) => n + batch.length);
      if (dropped) this._droppedByCap.update((n) => n + dropped);
      return;
    }
    this.show(batch);
  }

  private show(batch: readonly LogEntry[]): void {
    if (!batch.length) return;
    const { lines, dropped } = mergeBounded(this._lines(), batch, this._capacity());
    if (dropped) this._droppedByCap.update((n) => n + dropped);
    // A flash helps the eye only when it can follow it; at high rates every visible row would
    // flash on every frame, which is all repaint and no information.
    const highlight = batch.length <= FRESH_LIMIT;
    this._freshFromSeq.set(highlight ? lowestSeq(batch) : Infinity);
    if (highlight) this._freshBatch.update((n) => n + 1);
    this._lines.set(lines);
  }
}
