import type { Awaitable } from './awaitable';

/** Clear metadata of one entry: what filters read without opening anything. */
export interface EntryMeta {
  seq: number;
  /** Index into LOG_LEVELS. */
  level: number;
  /** Already masked. */
  service: string;
  /** Epoch milliseconds: when the event happened, as the sender said. */
  timestamp: number;
  /** Epoch milliseconds: when this node accepted it. */
  receivedAt: number;
}

/** One entry of a block: its metadata and where its bytes sit in the block's plaintext. */
export interface BlockEntry extends EntryMeta {
  offset: number;
  length: number;
}

/** Consecutive entries sealed together, as the store keeps them. */
export interface SealedBlock {
  /** Sealer output; `entries[i].seq` is `firstSeq + i`. */
  sealed: Buffer;
  entries: BlockEntry[];
  /**
   * Clear bytes the seal authenticates besides the seq range (the cluster binds the metadata it
   * keeps beside the ciphertext in Redis); undefined when the store is trusted memory.
   */
  bound?: Buffer;
}

/**
 * A run of stored entries in ascending seq order, read from the store in one go. Indexes are
 * positions in the run; entries of one block share `blockIdAt`, so a reader opens each block once.
 */
export interface EntryRun {
  readonly length: number;
  seqAt(index: number): number;
  levelAt(index: number): number;
  serviceAt(index: number): string;
  timestampAt(index: number): number;
  receivedAtAt(index: number): number;
  blockIdAt(index: number): number;
  /** The sealed block holding the entry (a view, not a copy, where the store allows). */
  blockAt(index: number): { sealed: Buffer; bound?: Buffer };
  /** Byte range of the entry in its block's plaintext. */
  offsetAt(index: number): number;
  lengthAt(index: number): number;
}

export interface RunRequest {
  /** Only seqs greater than this. */
  after?: number;
  /** Only seqs smaller than this. */
  before?: number;
  /** At most this many entries (the store may return fewer; never more). */
  limit: number;
  /** The newest `limit` entries of the range (else the oldest). */
  newest: boolean;
}

/** Refused writes; `LogService` turns them into the answers a client can act on. */
export class StoreRefusedError extends Error {
  constructor(
    readonly reason: 'locked' | 'epoch-moved' | 'unavailable',
    cause?: unknown,
  ) {
    super(`Store refused the write: ${reason}`, { cause });
    this.name = 'StoreRefusedError';
  }
}

/**
 * Where sealed entries live: an arena in this process (`ArenaLogStore`), or a sorted set in Redis
 * shared by every node (`RedisLogStore`). The store numbers entries, so a cluster gets one
 * order; it never sees plaintext and never opens anything.
 */
export abstract class LogStore {
  /** Largest sealed block `append` takes. */
  abstract readonly maxBlockBytes: number;
  /** Most entries one block may hold (a block larger than the whole store could never stay). */
  abstract readonly maxBlockEntries: number;
  /**
   * Clear bytes the seal of a block of `entries` must authenticate: what this store keeps in
   * clear beside the ciphertext where someone else could edit it; undefined for trusted memory.
   */
  abstract bound(entries: readonly BlockEntry[]): Buffer | undefined;
  /**
   * Reserves `count` consecutive seqs in `epoch`; returns the first. Throws `StoreRefusedError`
   * when ingest is locked down, the epoch moved on, or the store cannot be reached.
   */
  abstract reserve(count: number, epoch: number): Awaitable<number>;
  /** Stores a block of reserved seqs; returns how many older entries were evicted to make room. */
  abstract append(block: SealedBlock, epoch: number): Awaitable<number>;
  abstract read(request: RunRequest, epoch: number): Awaitable<EntryRun>;
  /** Seq of the oldest entry kept in `epoch`, or undefined when none is. */
  abstract oldestSeq(epoch: number): Awaitable<number | undefined>;
  abstract usage(epoch: number): Awaitable<{ entries: number; bytes: number }>;
  /** Drops (and overwrites, where it can) everything `epoch` stored; returns how many entries. */
  abstract clear(epoch: number): Awaitable<number>;
}
