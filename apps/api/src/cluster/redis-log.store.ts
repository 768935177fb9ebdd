import type { ClusterLink } from './cluster-link';
import { INGEST_SCRIPT, KEYS } from './cluster-scripts';
import type { SealedMeta } from './cluster-crypto';

/** One entry as the stream holds it: clear metadata beside its ciphertext. */
export interface StoredRecord extends SealedMeta {
  seq: number;
  sealed: Buffer;
}

/** Per-batch increments of the shared counters, summed on the node first. */
export interface BatchCounts {
  fields: Map<string, number>;
  services: Map<string, number>;
}

type RawEntry = [Buffer, Buffer[]];

/**
 * The shared store: a Redis Stream of sealed entries at ids `0-<seq>`, trimmed
 * with `MAXLEN ~ LOG_MAX_ENTRIES`. It only moves records; sealing and opening
 * are the cipher's job, numbering and counting the ingest script's.
 */
export class RedisLogStore {
  constructor(
    private readonly link: ClusterLink,
    private readonly maxEntries: number,
  ) {}

  /** Appends a batch for `epoch`; returns the first seq Redis gave it. */
  async append(
    epoch: number,
    records: Omit<StoredRecord, 'seq'>[],
    counts: BatchCounts,
    now: number,
  ): Promise<number> {
    const args: (string | Buffer)[] = [
      String(epoch),
      String(this.maxEntries),
      String(now),
      String(records.length),
      String(counts.fields.size),
    ];
    for (const [field, delta] of counts.fields) args.push(field, String(delta));
    args.push(String(counts.services.size));
    for (const [service, delta] of counts.services) args.push(service, String(delta));
    for (const record of records) {
      args.push(
        String(record.level),
        record.service,
        String(record.timestamp),
        String(record.receivedAt),
        record.sealed,
      );
    }
    const rateKey = KEYS.rate(epoch, Math.floor(now / 1000));
    const first = await this.link.call((redis) =>
      redis.eval(
        INGEST_SCRIPT,
        5,
        KEYS.state,
        KEYS.stream,
        KEYS.metrics,
        KEYS.services,
        rateKey,
        ...args,
      ),
    );
    return Number(first);
  }

  /** Newest first, seqs in (`after`, `before`), at most `count`. */
  async newest(count: number, before?: number, after?: number): Promise<StoredRecord[]> {
    const high = before === undefined ? '+' : `(0-${before}`;
    const low = after === undefined ? '-' : `(0-${after}`;
    if (before !== undefined && before <= 1) return [];
    const raw = (await this.link.call((redis) =>
      redis.xrevrangeBuffer(KEYS.stream, high, low, 'COUNT', count),
    )) as unknown as RawEntry[];
    return raw.map(toRecord);
  }

  /** Oldest first, seqs in (`after`, `before`), at most `count`. */
  async oldest(count: number, after?: number, before?: number): Promise<StoredRecord[]> {
    const low = after === undefined ? '-' : `(0-${after}`;
    const high = before === undefined ? '+' : `(0-${before}`;
    if (before !== undefined && before <= 1) return [];
    const raw = (await this.link.call((redis) =>
      redis.xrangeBuffer(KEYS.stream, low, high, 'COUNT', count),
    )) as unknown as RawEntry[];
    return raw.map(toRecord);
  }

  async at(seq: number): Promise<StoredRecord | undefined> {
    const raw = (await this.link.call((redis) =>
      redis.xrangeBuffer(KEYS.stream, `0-${seq}`, `0-${seq}`),
    )) as unknown as RawEntry[];
    return raw.length > 0 ? toRecord(raw[0]) : undefined;
  }

  async size(): Promise<{ entries: number; bytes: number }> {
    const entries = await this.link.call((redis) => redis.xlen(KEYS.stream));
    const bytes = await this.link.call((redis) => redis.call('MEMORY', 'USAGE', KEYS.stream));
    return { entries, bytes: Number(bytes ?? 0) };
  }
}

function toRecord([id, fields]: RawEntry): StoredRecord {
  const record: Partial<StoredRecord> = { seq: Number(id.toString().slice(2)) };
  for (let i = 0; i < fields.length; i += 2) {
    const value = fields[i + 1];
    switch (fields[i].toString()) {
      case 'l':
        record.level = Number(value.toString());
        break;
      case 's':
        record.service = value.toString();
        break;
      case 't':
        record.timestamp = Number(value.toString());
        break;
      case 'r':
        record.receivedAt = Number(value.toString());
        break;
      case 'c':
        record.sealed = value;
        break;
    }
  }
  return record as StoredRecord;
}
