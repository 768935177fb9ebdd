import type Redis from 'ioredis';
import type { Env } from '../app/env';
import { BLOCK_MAX_ENTRIES } from '../logs/block-builder';
import { PickedEntriesRun } from '../logs/block-run';
import type {
  BlockEntry,
  EntryRun,
  LogStore,
  RunRequest,
  SealedBlock,
} from '../logs/ports/log-store';
import { StoreRefusedError } from '../logs/ports/log-store';
import { decodeMember, encodeHeader, encodeMember } from './block-wire';
import { ClusterLink, ClusterUnavailableError } from './cluster-link';
import { APPEND_SCRIPT, CLEAR_SCRIPT, epochKeys, KEYS, RESERVE_SCRIPT } from './cluster-scripts';

/** Arena header bytes a single node adds per block; kept here too so "too large" means one thing. */
const BLOCK_HEADER_BYTES = 4;
/** Blocks fetched per round trip while a read collects its entries. */
const BLOCKS_PER_READ = 64;

/**
 * The shared store: one sorted set of sealed blocks per epoch, scored by each block's first seq,
 * so blocks numbered by one node and stored after another node's later ones still read back in
 * order. Redis numbers entries (`reserve`) so the whole cluster has one order; this class only
 * moves blocks — sealing and opening are the sealer's job.
 */
export class RedisLogStore implements LogStore {
  readonly maxBlockBytes: number;
  readonly maxBlockEntries: number;

  constructor(
    private readonly link: ClusterLink,
    private readonly env: Env,
  ) {
    this.maxBlockBytes = env.LOG_MAX_BYTES - BLOCK_HEADER_BYTES;
    // Eviction drops whole blocks: one block must never be more than the store keeps.
    this.maxBlockEntries = env.LOG_MAX_ENTRIES;
  }

  /** The clear metadata stored beside each block in Redis, which someone else could edit. */
  bound(entries: readonly BlockEntry[]): Buffer {
    return encodeHeader(entries);
  }

  async reserve(count: number, epoch: number): Promise<number> {
    const first = await this.script((redis) =>
      redis.eval(RESERVE_SCRIPT, 1, KEYS.state, String(epoch), String(count)),
    );
    return Number(first);
  }

  async append(block: SealedBlock, epoch: number): Promise<number> {
    const evicted = await this.script((redis) =>
      redis.eval(
        APPEND_SCRIPT,
        3,
        KEYS.state,
        KEYS.logs(epoch),
        KEYS.count(epoch),
        String(epoch),
        String(this.env.LOG_MAX_ENTRIES),
        String(block.entries[0].seq),
        String(block.entries.length),
        encodeMember(block),
      ),
    );
    return Number(evicted);
  }

  async read(request: RunRequest, epoch: number): Promise<EntryRun> {
    const { after, before, limit, newest } = request;
    const inRange = (seq: number) =>
      (after === undefined || seq > after) && (before === undefined || seq < before);
    // A block holding a wanted seq starts at most BLOCK_MAX_ENTRIES - 1 below it.
    let low = after === undefined ? '-inf' : `(${after - BLOCK_MAX_ENTRIES}`;
    let high = before === undefined ? '+inf' : `(${before}`;
    const collected: { block: SealedBlock; index: number }[] = [];
    for (;;) {
      const members = await this.call((redis) =>
        newest
          ? redis.zrangeBuffer(
              KEYS.logs(epoch),
              high,
              low,
              'BYSCORE',
              'REV',
              'LIMIT',
              0,
              BLOCKS_PER_READ,
            )
          : redis.zrangeBuffer(KEYS.logs(epoch), low, high, 'BYSCORE', 'LIMIT', 0, BLOCKS_PER_READ),
      );
      for (const member of members) {
        const block = decodeMember(member);
        const indexes = block.entries
          .map((_, index) => index)
          .filter((i) => inRange(block.entries[i].seq));
        if (newest) indexes.reverse();
        for (const index of indexes) {
          if (collected.length < limit) collected.push({ block, index });
        }
      }
      if (collected.length >= limit || members.length < BLOCKS_PER_READ) break;
      const edge = decodeMember(members[members.length - 1]).entries[0].seq;
      if (newest) high = `(${edge}`;
      else low = `(${edge}`;
    }
    if (newest) collected.reverse();
    return new PickedEntriesRun(collected);
  }

  async oldestSeq(epoch: number): Promise<number | undefined> {
    const [member] = await this.call((redis) => redis.zrangeBuffer(KEYS.logs(epoch), 0, 0));
    return member === undefined ? undefined : decodeMember(member).entries[0]?.seq;
  }

  async usage(epoch: number): Promise<{ entries: number; bytes: number }> {
    const [entries, bytes] = await this.call(async (redis) => {
      const replies = await redis
        .pipeline()
        .get(KEYS.count(epoch))
        .call('MEMORY', 'USAGE', KEYS.logs(epoch))
        .exec();
      return (replies ?? []).map(([error, value]) => {
        if (error) throw error;
        return value;
      });
    });
    return { entries: Number(entries ?? 0), bytes: Number(bytes ?? 0) };
  }

  async clear(epoch: number): Promise<number> {
    const cleared = await this.call((redis) => redis.eval(CLEAR_SCRIPT, 4, ...epochKeys(epoch)));
    return Number(cleared);
  }

  private call<T>(run: (redis: Redis) => Promise<T>): Promise<T> {
    return this.link.call(run).catch((error: unknown) => {
      throw error instanceof ClusterUnavailableError
        ? new StoreRefusedError('unavailable', error)
        : error;
    });
  }

  /** A script call whose refusals (`EPOCH`, `LOCKED`, …) become `StoreRefusedError`s. */
  private async script(run: (redis: Redis) => Promise<unknown>): Promise<unknown> {
    try {
      return await this.call(run);
    } catch (error) {
      const reply = replyOf(error);
      if (reply === 'LOCKED') throw new StoreRefusedError('locked', error);
      if (reply === 'EPOCH' || reply === 'NOSTATE') {
        // This node missed a nudge (or Redis lost its state): catch up for the next request.
        void this.link.sync().catch(() => undefined);
        throw new StoreRefusedError('epoch-moved', error);
      }
      throw error;
    }
  }
}

/** The scripts' refusals; Redis may put its generic `ERR` code in front of them. */
function replyOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'ReplyError') return undefined;
  return /^(?:ERR )?(EPOCH|NOSTATE|LOCKED)\b/.exec(error.message)?.[1];
}
