import {
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  BatchResult,
  IngestResult,
  LOG_LEVELS,
  LogContext,
  LogEntry,
  LogPage,
  MetricsSnapshot,
  PanicEvent,
  ResumeResult,
} from '@redtail/contracts';
import type { Env } from '../app/env';
import { SealBrokenError } from '../logs/crypto.service';
import { decodeEntry, encodeEntry, toEntry } from '../logs/entry-codec';
import { normaliseLogInput, NormalisedInput } from '../logs/log-input';
import { CompiledFilter, levelIndex } from '../logs/log-filter';
import type { LogBroadcaster } from '../logs/log-broadcaster';
import type { LogMasker } from '../logs/log-masker';
import { IngestOptions, ListQuery, LogPipeline, Replay } from '../logs/log-pipeline';
import { maskInput, MaskedInput } from '../logs/mask-input';
import {
  badInput,
  parseSingleBody,
  ReadBatch,
  readBatch,
  validateBatch,
} from '../logs/request-body';
import type { MetricsService } from '../logs/metrics.service';
import { ClusterLink, ClusterListener, ClusterUnavailableError, EpochChange } from './cluster-link';
import { clusterSnapshot, RATE_WINDOW } from './cluster-metrics';
import type { ClusterRelay, RelayedBatch, RelayedRecord } from './cluster-relay';
import { KEYS } from './cluster-scripts';
import { BatchCounts, RedisLogStore, StoredRecord } from './redis-log.store';
import type { EpochCipher } from './cluster-crypto';

const DEFAULT_PAGE = 100;
const DEFAULT_BACKFILL = 200;
const MAX_BACKFILL = 1_000;
/** Stream entries fetched per round trip while a read filters its way back. */
const SCAN_CHUNK = 500;

/**
 * The same story as `LogService` — validate → mask → seal → store → count →
 * broadcast — with the store, the key and the panic shared through Redis.
 * Redis numbers each batch (consecutive seqs, cluster-wide order) inside the
 * ingest script; this node then broadcasts to its own dashboards and relays
 * the sealed batch to the other nodes, which open it with the shared epoch key.
 */
export class ClusterLogService implements LogPipeline, ClusterListener {
  private readonly logger = new Logger('Logs');
  private relayQueue: RelayedRecord[] = [];
  private relayScheduled: NodeJS.Immediate | undefined;
  private readonly startedAt = Date.now();
  /** Records that would not open; a read that meets one resyncs the epoch and reads again. */
  private brokenSeals = 0;

  constructor(
    private readonly link: ClusterLink,
    private readonly store: RedisLogStore,
    private readonly metrics: MetricsService,
    private readonly masker: LogMasker,
    private readonly broadcaster: LogBroadcaster,
    private readonly relay: ClusterRelay,
    private readonly env: Env,
  ) {
    masker.setPseudonymKey(link.pseudonymKey);
    link.attach(this);
    relay.onBatch((batch) => this.received(batch));
  }

  async ingest(body: unknown, forcedService?: string): Promise<IngestResult> {
    this.assertOpen();
    const result = normaliseLogInput(parseSingleBody(body));
    if (result.problem) {
      this.countRejected(1);
      throw badInput(result.problem);
    }
    const { entries } = await this.accept([result.input as NormalisedInput], forcedService);
    if (entries.length === 0) {
      this.countRejected(1);
      throw new PayloadTooLargeException('Entry is larger than LOG_MAX_BYTES');
    }
    const [entry] = entries;
    return { id: entry.id, seq: entry.seq, masked: entry.masked };
  }

  ingestBatch(body: unknown, forcedService?: string): Promise<BatchResult> {
    this.assertOpen();
    return this.acceptBatch(readBatch(body, this.env.LOG_MAX_BATCH), forcedService);
  }

  ingestEntries(items: readonly unknown[], options: IngestOptions): Promise<BatchResult> {
    this.assertOpen();
    return this.acceptBatch(validateBatch(items), options.forcedService);
  }

  private async acceptBatch(
    { inputs, positions, errors }: ReadBatch,
    forcedService: string | undefined,
  ): Promise<BatchResult> {
    const { entries, tooLarge } = await this.accept(inputs, forcedService);
    for (const position of tooLarge) {
      errors.push({ index: positions[position], reason: 'entry is larger than LOG_MAX_BYTES' });
    }
    errors.sort((a, b) => a.index - b.index);
    if (errors.length > 0) this.countRejected(errors.length);
    return {
      accepted: entries.length,
      rejected: errors.length,
      ids: entries.map((entry) => entry.id),
      errors,
    };
  }

  list(query: ListQuery): Promise<LogPage> {
    return this.reading(async () => {
      const limit = query.limit ?? DEFAULT_PAGE;
      const { entries, exhausted } = await this.scanNewest(
        limit,
        query.filter,
        query.before,
        query.after,
      );
      const more = entries.length === limit && !exhausted;
      return { entries, nextBefore: more ? entries[entries.length - 1].seq : null };
    });
  }

  get(id: string): Promise<LogEntry> {
    return this.reading(async () => {
      const seq = this.seqOf(id);
      const record = await this.store.at(seq);
      const entry = record && this.open(record);
      if (!entry) throw notFound(id);
      return entry;
    });
  }

  context(id: string, n: number): Promise<LogContext> {
    return this.reading(async () => {
      const seq = this.seqOf(id);
      const record = await this.store.at(seq);
      const target = record && this.open(record);
      if (!target) throw notFound(id);
      const before = n > 0 ? await this.store.newest(n, seq) : [];
      const after = n > 0 ? await this.store.oldest(n, seq) : [];
      return {
        target,
        before: this.openAll(before.reverse()),
        after: this.openAll(after),
      };
    });
  }

  /**
   * Backfill or resume from the shared stream. The socket already sits in its
   * rooms, so an entry relayed while this runs may arrive twice (dashboards
   * keep one per seq) but never goes missing.
   */
  replay(
    filter: CompiledFilter,
    options: { afterSeq?: number; backfill?: number },
  ): Promise<Replay> {
    return this.reading(async () => {
      if (options.afterSeq === undefined) {
        const wanted = Math.min(options.backfill ?? DEFAULT_BACKFILL, MAX_BACKFILL);
        const { entries } = await this.scanNewest(wanted, filter);
        return { entries: entries.reverse(), missed: 0 };
      }
      const after = options.afterSeq;
      const cap = this.env.LOG_CLIENT_QUEUE;
      const { entries, exhausted, lowest } = await this.scanNewest(cap, filter, undefined, after);
      const [oldest] = await this.store.oldest(1);
      let missed = 0;
      if (!exhausted && lowest !== undefined) {
        missed += Math.max(0, lowest - Math.max(after + 1, oldest?.seq ?? lowest));
      }
      if (oldest) {
        missed += Math.max(0, oldest.seq - Math.max(after + 1, this.link.epochStartSeq));
      }
      return { entries: entries.reverse(), missed };
    });
  }

  metricsSnapshot(): Promise<MetricsSnapshot> {
    return this.reading(async () => {
      const now = Date.now();
      const second = Math.floor(now / 1000);
      const epoch = this.link.epoch;
      const rateKeys = Array.from({ length: RATE_WINDOW }, (_, back) =>
        KEYS.rate(epoch, second - RATE_WINDOW + 1 + back),
      );
      const replies = await this.link.call((redis) =>
        redis
          .pipeline()
          .hgetall(KEYS.metrics)
          .hgetall(KEYS.services)
          .mget(...rateKeys)
          .xlen(KEYS.stream)
          .call('MEMORY', 'USAGE', KEYS.stream)
          .exec(),
      );
      const [counters, services, rates, stored, bytes] = (replies ?? []).map(([error, value]) => {
        if (error) throw error;
        return value;
      }) as [
        Record<string, string>,
        Record<string, string>,
        (string | null)[],
        number,
        number | null,
      ];
      const { nodes, viewers } = await this.link.nodes();
      const local = this.metrics.snapshot({
        storedEntries: 0,
        storedBytes: 0,
        epoch,
        lockdown: this.link.lockdown,
      });
      return clusterSnapshot(
        {
          counters,
          services,
          history: rates.map((value) => Number(value ?? 0)),
          storedEntries: stored,
          storedBytes: Number(bytes ?? 0),
          nodes,
          viewers,
        },
        {
          nodeId: this.link.nodeId,
          epoch,
          lockdown: this.link.lockdown,
          panicCount: this.link.panicCount,
          lastPanicAt: this.link.lastPanicAt,
          persistentRedis: this.link.persistentRedis,
          nodeReceived: local.totalReceived,
          nodeViewers: local.viewers,
          uptimeSeconds: Math.floor((now - this.startedAt) / 1000),
        },
      );
    });
  }

  get epoch(): number {
    return this.link.epoch;
  }

  get lockedDown(): boolean {
    return this.link.lockdown;
  }

  /** Atomic in Redis; this node's dashboards hear of it through `epochChanged`, the others' through the nudge. */
  panic(lockdown = false): Promise<PanicEvent> {
    return this.reading(async () => {
      const cleared = await this.link.panic(lockdown);
      const event: PanicEvent = {
        at: this.link.lastPanicAt ?? new Date().toISOString(),
        epoch: this.link.epoch,
        cleared,
        lockdown,
        reason: 'panic',
      };
      this.logger.warn(`panic: epoch ${event.epoch}, cleared ${cleared}`);
      return event;
    });
  }

  resume(): Promise<ResumeResult> {
    return this.reading(async () => {
      await this.link.resume();
      return { at: new Date().toISOString(), lockdown: false };
    });
  }

  epochChanged(change: EpochChange): void {
    this.masker.setPseudonymKey(this.link.pseudonymKey);
    this.metrics.recordPanic();
    this.dropRelayQueue();
    this.broadcaster.panic({
      at: change.at,
      epoch: change.epoch,
      cleared: change.cleared,
      lockdown: change.lockdown,
      reason: change.reason,
    });
  }

  resumed(at: string): void {
    this.broadcaster.resumed({ at });
  }

  private assertOpen(): void {
    if (this.link.lockdown) {
      throw new ServiceUnavailableException(
        'Ingestion is locked down after a panic; an admin must POST /logs/resume',
      );
    }
  }

  private async accept(
    inputs: NormalisedInput[],
    forcedService: string | undefined,
  ): Promise<{ entries: LogEntry[]; tooLarge: number[] }> {
    const receivedAt = Date.now();
    const receivedIso = new Date(receivedAt).toISOString();
    const tooLarge: number[] = [];
    const prepared: MaskedInput[] = [];
    const lines: Buffer[] = [];
    const metas: StoredRecord[] = [];
    inputs.forEach((input, position) => {
      const entry = maskInput(this.masker, input, forcedService, this.env.LOG_MAX_MESSAGE);
      const line = Buffer.from(encodeEntry(entry));
      if (line.length > this.env.LOG_MAX_BYTES) {
        tooLarge.push(position);
        return;
      }
      prepared.push(entry);
      lines.push(line);
      metas.push({
        seq: 0,
        level: levelIndex(input.level),
        service: entry.service,
        timestamp: input.timestamp ?? receivedAt,
        receivedAt,
        sealed: Buffer.alloc(0),
      });
    });
    if (prepared.length === 0) return { entries: [], tooLarge };

    const counts = countBatch(prepared, metas);
    const { first, cipher, records } = await this.withEpoch(async (cipher) => {
      const records = metas.map((meta, i) => ({ ...meta, sealed: cipher.seal(lines[i], meta) }));
      const first = await this.store.append(cipher.epoch, records, counts, receivedAt);
      return { first, cipher, records };
    }).finally(() => {
      for (const line of lines) line.fill(0);
    });
    this.queueRelay(cipher.epoch, first, records);

    const entries = prepared.map((entry, i) => {
      const meta = metas[i];
      this.metrics.recordAccepted(
        LOG_LEVELS[meta.level],
        entry.service,
        entry.masked,
        entry.truncated,
      );
      return toEntry(cipher.epoch, { ...meta, seq: first + i }, entry, receivedIso);
    });
    this.link.sawSeq(first + entries.length - 1);
    this.broadcaster.publish(entries);
    return { entries, tooLarge };
  }

  /** Runs `work` under the current epoch; when Redis says the epoch moved on (a panic, a restart), syncs and runs it once more. */
  private async withEpoch<T>(work: (cipher: EpochCipher) => Promise<T>): Promise<T> {
    try {
      return await work(this.cipher());
    } catch (error) {
      const reply = replyOf(error);
      if (reply === 'LOCKED') throw lockedDown();
      if (reply !== 'EPOCH' && reply !== 'NOSTATE') throw unavailable(error);
    }
    try {
      await this.link.sync();
      return await work(this.cipher());
    } catch (error) {
      if (replyOf(error) === 'LOCKED') throw lockedDown();
      throw unavailable(error);
    }
  }

  private cipher(): EpochCipher {
    try {
      return this.link.cipher;
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Newest first, stopping at `limit` matches; `exhausted` when nothing older is left in range. */
  private async scanNewest(
    limit: number,
    filter: CompiledFilter,
    before?: number,
    after?: number,
  ): Promise<{ entries: LogEntry[]; exhausted: boolean; lowest: number | undefined }> {
    const entries: LogEntry[] = [];
    let cursor = before;
    let lowest: number | undefined;
    for (;;) {
      const wanted = Math.min(SCAN_CHUNK, limit * 4 + 1);
      const chunk = await this.store.newest(wanted, cursor, after);
      for (let i = 0; i < chunk.length; i += 1) {
        const record = chunk[i];
        lowest = record.seq;
        const entry = this.matching(record, filter);
        if (entry) entries.push(entry);
        if (entries.length === limit) {
          return { entries, exhausted: i === chunk.length - 1 && chunk.length < wanted, lowest };
        }
      }
      if (chunk.length === 0 || (lowest !== undefined && lowest <= (after ?? 0) + 1)) {
        return { entries, exhausted: true, lowest };
      }
      cursor = lowest;
    }
  }

  private matching(record: StoredRecord, filter: CompiledFilter): LogEntry | undefined {
    if (!filter.acceptsAll) {
      if (!filter.matchesMeta(record.level, record.service, record.timestamp)) return undefined;
    }
    const entry = this.open(record);
    return entry && filter.matchesMessage(entry.message) ? entry : undefined;
  }

  private openAll(records: StoredRecord[]): LogEntry[] {
    return records.flatMap((record) => this.open(record) ?? []);
  }

  /** Undefined when the record is not readable under this node's key (then `reading` resyncs). */
  private open(record: StoredRecord, cipher = this.cipher()): LogEntry | undefined {
    let plaintext: Buffer;
    try {
      plaintext = cipher.open(record.sealed, record);
    } catch (error) {
      if (error instanceof SealBrokenError) {
        this.brokenSeals += 1;
        return undefined;
      }
      throw error;
    }
    const fields = decodeEntry(plaintext.toString('utf8'));
    plaintext.fill(0);
    return toEntry(cipher.epoch, record, fields);
  }

  /**
   * Runs a read; when a record would not open (the epoch moved on under it),
   * syncs and reads once more instead of serving what cannot be decrypted.
   */
  private async reading<T>(read: () => Promise<T>): Promise<T> {
    try {
      const broken = this.brokenSeals;
      const result = await read();
      if (this.brokenSeals === broken) return result;
      await this.link.sync();
      return await read();
    } catch (error) {
      if (error instanceof ClusterUnavailableError) throw unavailable(error);
      throw error;
    }
  }

  private seqOf(id: string): number {
    const match = /^(\d{1,10})-(\d{1,16})$/.exec(id);
    if (!match) {
      throw badInput({ field: 'id', reason: 'must look like <epoch>-<seq>, e.g. 1-42' });
    }
    if (Number(match[1]) !== this.link.epoch) throw notFound(id);
    return Number(match[2]);
  }

  private countRejected(count: number): void {
    this.metrics.recordRejected(count);
    this.link
      .call((redis) => redis.hincrby(KEYS.metrics, 'rejected', count))
      .catch(() => undefined);
  }

  private queueRelay(epoch: number, first: number, records: Omit<StoredRecord, 'seq'>[]): void {
    records.forEach((record, i) => {
      this.relayQueue.push({
        seq: first + i,
        level: record.level,
        service: record.service,
        timestamp: record.timestamp,
        receivedAt: record.receivedAt,
        sealed: record.sealed.toString('base64'),
      });
    });
    this.relayScheduled ??= setImmediate(() => {
      this.relayScheduled = undefined;
      const records = this.relayQueue;
      this.relayQueue = [];
      if (records.length > 0 && epoch === this.link.epoch) this.relay.send({ epoch, records });
    });
  }

  private dropRelayQueue(): void {
    if (this.relayScheduled) clearImmediate(this.relayScheduled);
    this.relayScheduled = undefined;
    this.relayQueue = [];
  }

  /** Another node's batch: opened only when someone here is watching. */
  private received(batch: RelayedBatch): void {
    if (batch.epoch !== this.link.epoch || !this.broadcaster.listening) return;
    const entries: LogEntry[] = [];
    for (const record of batch.records) {
      const entry = this.open({ ...record, sealed: Buffer.from(record.sealed, 'base64') });
      if (entry) entries.push(entry);
    }
    if (entries.length > 0) this.link.sawSeq(entries[entries.length - 1].seq);
    this.broadcaster.publish(entries);
  }
}

function countBatch(prepared: MaskedInput[], metas: StoredRecord[]): BatchCounts {
  const fields = new Map<string, number>();
  const services = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, delta: number) =>
    map.set(key, (map.get(key) ?? 0) + delta);
  add(fields, 'total', prepared.length);
  prepared.forEach((entry, i) => {
    add(fields, `level:${LOG_LEVELS[metas[i].level]}`, 1);
    add(services, entry.service, 1);
    for (const type in entry.masked) add(fields, `mask:${type}`, entry.masked[type] ?? 0);
    if (entry.truncated) add(fields, 'truncated', 1);
  });
  return { fields, services };
}

function replyOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'ReplyError') return undefined;
  return ['EPOCH', 'NOSTATE', 'LOCKED'].find((reply) => error.message.startsWith(reply));
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(
    `Log entry ${id} not found (evicted, wiped by a panic or never stored)`,
  );
}

function lockedDown(): ServiceUnavailableException {
  return new ServiceUnavailableException(
    'Ingestion is locked down after a panic; an admin must POST /logs/resume',
  );
}

function unavailable(error: unknown): Error {
  if (!(error instanceof ClusterUnavailableError) && !(error instanceof SealBrokenError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return new ServiceUnavailableException('Redis is unreachable; try again shortly');
}
