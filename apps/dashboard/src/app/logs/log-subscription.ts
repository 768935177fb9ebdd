import { fromLiveBlock, SUBSCRIBE_BUSY_PREFIX } from '@redtail/contracts';
import type {
  DroppedEvent,
  HandshakeErrorData,
  LogEntry,
  LogFilter,
  MetricsSnapshot,
  PanicEvent,
  ResumeEvent,
  SubscribeAck,
  SubscribeRequest,
} from '@redtail/contracts';
import type { LogSocket } from './log-socket';
import { SeenSeqs } from './seen-seqs';

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

/** Lines asked for when (re)subscribing without a cursor. */
export const BACKFILL = 200;
/** The first wait after a busy refusal, doubled for each refusal in a row up to the maximum. */
export const BUSY_FIRST_WAIT_MS = 1_000;
export const BUSY_MAX_WAIT_MS = 16_000;

/** What a subscription reports; the `LogStream` facade turns it into signals. */
export interface SubscriptionListener {
  connection(state: ConnectionState): void;
  /** Lines not delivered before, in arrival order (not necessarily by seq). */
  entries(entries: readonly LogEntry[]): void;
  /** A subscription was acknowledged, accepted or not. */
  acknowledged(): void;
  /** The server accepted a subscription and says whether writes are locked. */
  lockdown(lockdown: boolean): void;
  /** Lines the server could not deliver (evicted before a resume, or a slow connection). */
  dropped(count: number): void;
  /** The handshake was refused (e.g. an unknown key): the socket gives up. */
  refused(message: string): void;
  /** A problem worth showing that is not a refusal; null when it is over. */
  error(message: string | null): void;
  /** The key epoch changed while away: what is shown belongs to a wiped epoch. */
  startOver(): void;
  metrics(snapshot: MetricsSnapshot): void;
  panic(event: PanicEvent): void;
  resumed(event: ResumeEvent): void;
}

/**
 * One socket connection speaking the `/logs` protocol: subscribe with a filter and a backfill,
 * resume after a reconnect from `afterSeq` (the server replays what was missed), drop what was
 * already delivered by seq, notice a panic that happened while away. No Angular here: the
 * socket comes in, listener calls go out.
 */
export class LogSubscription {
  private readonly seen = new SeenSeqs();
  private knownEpoch: number | null = null;
  /**
   * The acknowledged epoch's tag: a restarted server begins at epoch 1 again and numbers other
   * lines with the seqs seen before, which only the tag tells apart.
   */
  private knownTag: string | null = null;
  /** Tells acknowledgements of replaced subscriptions apart. */
  private generation = 0;
  private awaitingAck = false;
  private beforeAck: LogEntry[] = [];
  private live = true;
  /** Subscriptions refused as busy in a row; the next wait doubles with each. */
  private busyRefusals = 0;
  private busyRetry: ReturnType<typeof setTimeout> | null = null;
  /** Whether live lines come with their context (`withContext` of the subscription). */
  private withContext = true;
  /**
   * Where a subscription that asked for no backfill resumes while it has seen no line: the
   * server's newest seq when it began (`newestSeq` of its acknowledgement), so a reconnect
   * replays what arrived meanwhile and nothing from before.
   */
  private resumeFloor = 0;
  /**
   * A subscription without backfill that found a new epoch when it came back replays that epoch
   * whole (`afterSeq: 0`): every line in it arrived while it was away.
   */
  private replayEpoch = false;

  /**
   * `earlyLimit` bounds the lines kept while an acknowledgement is awaited; `backfill` is how many
   * stored lines a fresh subscription asks for.
   */
  constructor(
    private readonly socket: LogSocket,
    private filter: LogFilter,
    private readonly listener: SubscriptionListener,
    private readonly earlyLimit: () => number,
    private readonly backfill = BACKFILL,
  ) {
    socket.on('connect', () => {
      listener.connection('connected');
      listener.error(null);
      if (this.live) this.subscribe();
    });
    socket.on('disconnect', () => listener.connection(socket.active ? 'reconnecting' : 'offline'));
    socket.on('connect_error', (error: Error) => this.onConnectError(error));
    socket.on('logs', (block) => this.onLogs(fromLiveBlock(block)));
    socket.on('metrics', (snapshot) => listener.metrics(snapshot));
    socket.on('panic', (event) => listener.panic(event));
    socket.on('resumed', (event) => listener.resumed(event));
    // A replay's evicted lines come with the event and in the acknowledgement's `missed`; they
    // are counted from the acknowledgement, which belongs to this subscription.
    socket.on('dropped', (event: DroppedEvent) => {
      if (event.reason !== 'evicted') listener.dropped(event.count);
    });
  }

  /** The epoch of the last acknowledgement or panic; null before either. */
  get epoch(): number | null {
    return this.knownEpoch;
  }

  /** The tag of the epoch last acknowledged or panicked into; null before any. */
  get epochTag(): string | null {
    return this.knownTag;
  }

  /** The highest seq delivered; 0 before any. */
  get newestSeen(): number {
    return this.seen.newest;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Subscribes afresh with the new filter (the server applies it to the backfill as well). */
  setFilter(filter: LogFilter, withContext = this.withContext): void {
    this.filter = filter;
    this.withContext = withContext;
    this.seen.reset();
    this.resumeFloor = 0;
    this.replayEpoch = false;
    if (this.live && this.socket.connected) this.subscribe();
  }

  /**
   * Asks for live lines with or without their context from now on: the subscription resumes
   * after the last seq seen, so nothing is missed or repeated (the replay comes whole). Lines
   * already delivered keep what they had.
   */
  setWithContext(withContext: boolean): void {
    if (withContext === this.withContext) return;
    this.withContext = withContext;
    if (this.live && this.socket.connected) this.subscribe();
  }

  /** Counts a line that came another way (history) as delivered, so a late relay is not shown twice. */
  markSeen(seq: number): void {
    this.seen.add(seq);
  }

  /** A panic wiped the store: seqs start over in the new epoch. */
  panicked(epoch: number, epochTag?: string): void {
    this.knownEpoch = epoch;
    this.knownTag = epochTag ?? null;
    this.seen.reset();
    this.resumeFloor = 0;
    this.replayEpoch = false;
    this.beforeAck = [];
  }

  /** Stops live delivery; `start` later resumes after the last seq seen, with nothing skipped. */
  stop(): void {
    if (!this.live) return;
    this.live = false;
    this.generation += 1;
    this.awaitingAck = false;
    this.beforeAck = [];
    if (this.socket.connected) this.socket.emit('unsubscribe');
  }

  start(): void {
    if (this.live) return;
    this.live = true;
    if (this.socket.connected) this.subscribe();
  }

  close(): void {
    // An acknowledgement still on its way must not reach a listener that moved on.
    this.generation += 1;
    this.cancelBusyRetry();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private onConnectError(error: Error): void {
    if (this.socket.active) {
      this.listener.connection('reconnecting');
      return;
    }
    this.listener.connection('offline');
    const code = (error as Error & { data?: Partial<HandshakeErrorData> }).data?.code;
    // Too many tabs on one key is not a bad key: say so without signing out.
    if (code === 'too-many-sockets') this.listener.error(error.message);
    else this.listener.refused(error.message || 'The server refused the connection.');
  }

  private subscribe(): void {
    const generation = ++this.generation;
    const resuming = this.seen.newest > 0 || this.resumeFloor > 0 || this.replayEpoch;
    const request: SubscribeRequest = resuming
      ? { ...this.filter, afterSeq: Math.max(this.seen.resumeAfter(), this.resumeFloor) }
      : { ...this.filter, backfill: this.backfill };
    if (!this.withContext) request.withContext = false;
    this.awaitingAck = true;
    this.beforeAck = [];
    this.socket.emit('subscribe', request, (ack: SubscribeAck) => {
      if (generation !== this.generation) return;
      this.awaitingAck = false;
      this.listener.acknowledged();
      if (!ack.ok) {
        if (ack.error.startsWith(SUBSCRIBE_BUSY_PREFIX)) this.retryWhenLessBusy(generation);
        else this.listener.error(`The server refused the subscription: ${ack.error}`);
        return;
      }
      if (this.busyRefusals) {
        this.busyRefusals = 0;
        this.listener.error(null);
      }
      const otherEpoch =
        ack.epoch !== this.knownEpoch ||
        (this.knownTag !== null && ack.epochTag !== undefined && ack.epochTag !== this.knownTag);
      this.knownTag = ack.epochTag ?? null;
      if (resuming && this.knownEpoch !== null && otherEpoch) {
        this.knownEpoch = ack.epoch;
        this.seen.reset();
        this.resumeFloor = 0;
        this.replayEpoch = this.backfill === 0;
        this.listener.startOver();
        this.subscribe();
        return;
      }
      this.knownEpoch = ack.epoch;
      this.replayEpoch = false;
      if (this.backfill === 0) this.resumeFloor = Math.max(this.resumeFloor, ack.newestSeq ?? 0);
      this.listener.lockdown(ack.lockdown);
      if (ack.missed) this.listener.dropped(ack.missed);
      const early = this.beforeAck;
      this.beforeAck = [];
      this.deliver(early.length ? ack.entries.concat(early) : ack.entries);
    });
  }

  /**
   * The server had too many reads in progress (its scan limits, docs/security.md) and left this
   * socket unsubscribed: ask again after a wait that doubles with each refusal in a row, as long
   * as nothing else (a new filter, a pause, a reconnect) has replaced this subscription.
   */
  private retryWhenLessBusy(generation: number): void {
    const waitMs = Math.min(BUSY_FIRST_WAIT_MS * 2 ** this.busyRefusals, BUSY_MAX_WAIT_MS);
    this.busyRefusals += 1;
    this.listener.error(`The server is busy; asking again in ${Math.round(waitMs / 1000)} s.`);
    this.cancelBusyRetry();
    this.busyRetry = setTimeout(() => {
      this.busyRetry = null;
      if (generation === this.generation && this.live && this.socket.connected) this.subscribe();
    }, waitMs);
  }

  private cancelBusyRetry(): void {
    if (this.busyRetry !== null) clearTimeout(this.busyRetry);
    this.busyRetry = null;
  }

  private onLogs(entries: LogEntry[]): void {
    // In flight when live delivery stopped: left unseen, so the resume replays them.
    if (!this.live) return;
    if (!this.awaitingAck) {
      this.deliver(entries);
      return;
    }
    // Lines pushed before the acknowledgement may belong to either subscription; they are
    // merged with the backfill by seq once it arrives.
    this.beforeAck.push(...entries);
    const limit = this.earlyLimit();
    if (this.beforeAck.length > limit) this.beforeAck = this.beforeAck.slice(-limit);
  }

  private deliver(entries: readonly LogEntry[]): void {
    const fresh = entries.filter((entry) => this.seen.add(entry.seq));
    if (fresh.length) this.listener.entries(fresh);
  }
}
