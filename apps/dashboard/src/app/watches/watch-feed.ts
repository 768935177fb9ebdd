import type { LogFilter } from '@redtail/contracts';
import type { LogSocket } from '../logs/log-socket';
import { ConnectionState, LogSubscription } from '../logs/log-subscription';

/** What a watch's socket reports to the store. */
export interface WatchFeedListener {
  /** Lines that matched since the last call. */
  matched(count: number): void;
  /**
   * Lines the server could not hand over (evicted before a reconnect's replay, or dropped for a
   * connection that fell behind): whether they matched is unknown.
   */
  unchecked(count: number): void;
  /** A panic wiped the store (seen or while away): what was counted is gone. */
  wiped(): void;
  connection(state: ConnectionState): void;
  /** Why the watch is not counting (a refusal, a busy server); null when it is again. */
  problem(message: string | null): void;
}

/** Live lines a watch may collect while its acknowledgement is on its way. */
const EARLY_LIMIT = 1_000;

/**
 * One watch's socket: the `/logs` subscription with the watch's filter, so the server sends
 * only the lines that match, without their context (a watch counts, it does not show). It asks
 * for no backfill, so starting costs the server no read of its store; a reconnect resumes after
 * the newest line it saw, or after the server's newest seq when it began, and counts what
 * matched meanwhile once.
 */
export class WatchFeed {
  private readonly subscription: LogSubscription;

  constructor(socket: LogSocket, filter: LogFilter, listener: WatchFeedListener) {
    this.subscription = new LogSubscription(
      socket,
      filter,
      {
        // Counting starts when the server has acknowledged the subscription, not when the socket
        // connects: a line sent in between would not be counted, so "connected" waits for it.
        connection: (state) => {
          if (state !== 'connected') listener.connection(state);
        },
        entries: (entries) => listener.matched(entries.length),
        acknowledged: () => listener.connection('connected'),
        lockdown: () => undefined,
        dropped: (count) => listener.unchecked(count),
        refused: (message) => listener.problem(message),
        error: (message) => listener.problem(message),
        startOver: () => listener.wiped(),
        metrics: () => undefined,
        panic: (event) => {
          this.subscription.panicked(event.epoch, event.epochTag);
          listener.wiped();
        },
        resumed: () => undefined,
      },
      () => EARLY_LIMIT,
      0,
    );
    this.subscription.setWithContext(false);
  }

  close(): void {
    this.subscription.close();
  }
}
