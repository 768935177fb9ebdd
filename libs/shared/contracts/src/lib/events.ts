import type { LogFilter } from './filter';
import type { LiveBlock } from './live';
import type { LogEntry } from './logs';
import type { MetricsSnapshot } from './metrics';

export const LOGS_NAMESPACE = '/logs';

export interface SubscribeRequest extends LogFilter {
  /** Resume after this sequence number: replays what was missed. */
  afterSeq?: number;
  /** How many recent matching entries to return in the acknowledgement (default 200). */
  backfill?: number;
  /**
   * `false`: live entries come without their context, marked `contextWithheld` when they have
   * one (the backfill and replays stay whole). For a view that shows no context field: a
   * dashboard then receives and collects about half the bytes. Default `true`.
   */
  withContext?: boolean;
}

export type SubscribeAck =
  | {
      ok: true;
      /** Oldest first. */
      entries: LogEntry[];
      /** Entries that matched but were evicted before they could be replayed. */
      missed: number;
      epoch: number;
      /**
       * Tells this epoch from another with the same number: a restarted single server begins at
       * epoch 1 again, with seqs that name other lines. A client resuming into an epoch whose
       * tag changed starts over, as for a new epoch. The server always sends it.
       */
      epochTag?: string;
      lockdown: boolean;
      /**
       * The newest seq the node had given out or received when the subscription began: every
       * later line reaches the socket live. A client that asked for no backfill resumes after it
       * (`afterSeq`) until it has seen a line of its own. The server always sends it.
       */
      newestSeq?: number;
    }
  | { ok: false; error: string };

/**
 * A refused subscription's `error` starts with this when the server had no room for its replay
 * just then (too many reads in progress for the key or the node): the socket is left
 * unsubscribed and the client asks again later. Other refusals will not change on a retry.
 */
export const SUBSCRIBE_BUSY_PREFIX = 'busy: ';

export interface PanicRequest {
  lockdown?: boolean;
}

export interface PanicEvent {
  at: string;
  epoch: number;
  /** The new epoch's tag (see `SubscribeAck.epochTag`). */
  epochTag?: string;
  cleared: number;
  lockdown: boolean;
  /**
   * Cluster mode only: `store-lost` when Redis lost the shared key and store (a
   * restart) and the nodes moved to a fresh epoch by themselves; absent for a panic.
   */
  reason?: 'panic' | 'store-lost';
}

export interface ResumeEvent {
  at: string;
}

export interface DroppedEvent {
  count: number;
  reason: 'slow-client' | 'evicted';
}

export type AdminAck = { ok: true } | { ok: false; error: string };

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: () => void;
  panic: (
    request: PanicRequest,
    ack: (result: AdminAck | (PanicEvent & { ok: true })) => void,
  ) => void;
  resume: (ack: (result: AdminAck) => void) => void;
}

export interface ServerToClientEvents {
  /** Live entries, oldest first: decode with `fromLiveBlock`. */
  logs: (block: LiveBlock) => void;
  metrics: (snapshot: MetricsSnapshot) => void;
  panic: (event: PanicEvent) => void;
  resumed: (event: ResumeEvent) => void;
  dropped: (event: DroppedEvent) => void;
}
