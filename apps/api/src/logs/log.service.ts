import {
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  BatchResult,
  IngestResult,
  LogContext,
  LogEntry,
  LogPage,
  MaskCounts,
  MetricsSnapshot,
  PanicEvent,
  ResumeResult,
} from '@redtail/contracts';
import { Env } from '../app/env';
import { CryptoService } from './crypto.service';
import { decodeEntry, encodeEntry, toEntry } from './entry-codec';
import { normaliseLogInput, NormalisedInput } from './log-input';
import { CompiledFilter, levelIndex } from './log-filter';
import { LogBroadcaster } from './log-broadcaster';
import { LogMasker } from './log-masker';
import { IngestOptions, ListQuery, LogPipeline, Replay } from './log-pipeline';
import { LogStore, StoredEntryMeta } from './log.store';
import { maskInput } from './mask-input';
import { MetricsService } from './metrics.service';
import { badInput, parseSingleBody, ReadBatch, readBatch, validateBatch } from './request-body';

/** Entries sealed together: one cipher call each, and reading one entry decrypts at most this much. */
const BLOCK_MAX_ENTRIES = 256;
const BLOCK_MAX_BYTES = 64 * 1024;
const DEFAULT_PAGE = 100;
const DEFAULT_BACKFILL = 200;
const MAX_BACKFILL = 1_000;

export type { ListQuery, Replay };

/** What `accept` stored: seqs `firstSeq` … `firstSeq + count - 1`, all in one epoch. */
interface Accepted {
  firstSeq: number;
  count: number;
  tooLarge: number[];
  /** Mask counts of the last accepted entry (the only one for a single ingest). */
  lastMasked: MaskCounts | undefined;
}

/**
 * The pipeline, top to bottom: validate → mask → number → seal → store →
 * count → broadcast. Everything after the mask step only ever sees masked text.
 */
@Injectable()
export class LogService implements LogPipeline {
  private readonly logger = new Logger('Logs');
  private nextSeq = 1;
  /** First seq of the current epoch: earlier ones were wiped by a panic, not missed. */
  private epochStartSeq = 1;
  private lockdown = false;
  /**
   * Entries accepted during one event-loop turn are sealed together on the next
   * (`setImmediate`): under load many single-entry requests share one cipher call
   * instead of paying one each. Every read seals what is pending first, so a read
   * never misses an accepted entry; a panic discards it with everything else.
   */
  private readonly pending: BlockBuilder;
  private sealScheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly store: LogStore,
    private readonly crypto: CryptoService,
    private readonly metrics: MetricsService,
    private readonly masker: LogMasker,
    private readonly broadcaster: LogBroadcaster,
    private readonly env: Env,
  ) {
    this.pending = new BlockBuilder(
      store,
      crypto,
      Math.min(BLOCK_MAX_ENTRIES, store.maxEntries),
      (evicted) => metrics.recordEvicted(evicted),
    );
  }

  ingest(body: unknown, forcedService?: string): IngestResult {
    this.assertOpen();
    const result = normaliseLogInput(parseSingleBody(body));
    if (result.problem) {
      this.metrics.recordRejected();
      throw badInput(result.problem);
    }
    const { firstSeq, count, lastMasked } = this.accept([result.input], forcedService);
    if (count === 0 || !lastMasked) {
      this.metrics.recordRejected();
      throw new PayloadTooLargeException('Entry is larger than LOG_MAX_BYTES');
    }
    return { id: `${this.crypto.epoch}-${firstSeq}`, seq: firstSeq, masked: lastMasked };
  }

  ingestBatch(body: unknown, forcedService?: string): BatchResult {
    this.assertOpen();
    return this.acceptBatch(readBatch(body, this.env.LOG_MAX_BATCH), forcedService);
  }

  ingestEntries(items: readonly unknown[], options: IngestOptions): BatchResult {
    this.assertOpen();
    return this.acceptBatch(validateBatch(items), options.forcedService);
  }

  private acceptBatch(
    { inputs, positions, errors }: ReadBatch,
    forcedService: string | undefined,
  ): BatchResult {
    const { firstSeq, count, tooLarge } = this.accept(inputs, forcedService);
    for (const position of tooLarge) {
      errors.push({ index: positions[position], reason: 'entry is larger than LOG_MAX_BYTES' });
    }
    errors.sort((a, b) => a.index - b.index);
    if (errors.length > 0) this.metrics.recordRejected(errors.length);
    const ids: string[] = new Array<string>(count);
    const epoch = this.crypto.epoch;
    for (let i = 0; i < count; i += 1) ids[i] = `${epoch}-${firstSeq + i}`;
    return { accepted: count, rejected: errors.length, ids, errors };
  }

  list(query: ListQuery): LogPage {
    this.sealPending();
    const limit = query.limit ?? DEFAULT_PAGE;
    const high = query.before === undefined ? this.store.size : this.store.lowerBound(query.before);
    const low = query.after === undefined ? 0 : this.store.lowerBound(query.after + 1);
    const reader = this.reader();
    const entries: LogEntry[] = [];
    let index = high - 1;
    for (; index >= low && entries.length < limit; index -= 1) {
      const entry = reader.matching(index, query.filter);
      if (entry) entries.push(entry);
    }
    reader.wipe();
    const more = entries.length === limit && index >= low;
    return { entries, nextBefore: more ? entries[entries.length - 1].seq : null };
  }

  get(id: string): LogEntry {
    this.sealPending();
    const index = this.indexOfId(id);
    const reader = this.reader();
    const entry = reader.at(index);
    reader.wipe();
    return entry;
  }

  /** The entry with up to `n` neighbours on each side, oldest first. */
  context(id: string, n: number): LogContext {
    this.sealPending();
    const index = this.indexOfId(id);
    const reader = this.reader();
    const before: LogEntry[] = [];
    const after: LogEntry[] = [];
    for (let i = Math.max(0, index - n); i < index; i += 1) before.push(reader.at(i));
    for (let i = index + 1; i <= Math.min(this.store.size - 1, index + n); i += 1) {
      after.push(reader.at(i));
    }
    const target = reader.at(index);
    reader.wipe();
    return { target, before, after };
  }

  /**
   * What a (re)subscribing dashboard gets in its acknowledgement. Stops at what
   * the broadcaster has already delivered: anything newer reaches the new
   * subscriber through the live stream, so there is no gap and no duplicate.
   */
  replay(filter: CompiledFilter, options: { afterSeq?: number; backfill?: number }): Replay {
    this.sealPending();
    const high = this.store.lowerBound(this.broadcaster.deliveredThrough + 1);
    const reader = this.reader();
    const newestFirst: LogEntry[] = [];
    let missed = 0;
    if (options.afterSeq === undefined) {
      const wanted = Math.min(options.backfill ?? DEFAULT_BACKFILL, MAX_BACKFILL);
      for (let index = high - 1; index >= 0 && newestFirst.length < wanted; index -= 1) {
        const entry = reader.matching(index, filter);
        if (entry) newestFirst.push(entry);
      }
    } else {
      const low = this.store.lowerBound(options.afterSeq + 1);
      const cap = this.env.LOG_CLIENT_QUEUE;
      let index = high - 1;
      for (; index >= low && newestFirst.length < cap; index -= 1) {
        const entry = reader.matching(index, filter);
        if (entry) newestFirst.push(entry);
      }
      missed += Math.max(0, index - low + 1);
      const oldestKept = this.store.size > 0 ? this.store.seqAt(0) : this.nextSeq;
      missed += Math.max(0, oldestKept - Math.max(options.afterSeq + 1, this.epochStartSeq));
    }
    reader.wipe();
    return { entries: newestFirst.reverse(), missed };
  }

  metricsSnapshot(): MetricsSnapshot {
    this.sealPending();
    return this.metrics.snapshot({
      storedEntries: this.store.size,
      storedBytes: this.store.bytes,
      epoch: this.crypto.epoch,
      lockdown: this.lockdown,
    });
  }

  get epoch(): number {
    return this.crypto.epoch;
  }

  get lockedDown(): boolean {
    return this.lockdown;
  }

  /** Wipe everything readable, start a new key epoch, tell every dashboard. */
  panic(lockdown = false): PanicEvent {
    this.cancelSeal();
    const cleared = this.store.clear() + this.pending.discard();
    const epoch = this.crypto.rotate();
    this.masker.setPseudonymKey(this.crypto.pseudonymKey);
    this.metrics.recordPanic();
    this.epochStartSeq = this.nextSeq;
    this.lockdown = lockdown;
    const event: PanicEvent = { at: new Date().toISOString(), epoch, cleared, lockdown };
    this.broadcaster.panic(event);
    this.logger.warn(`panic: epoch ${epoch}, cleared ${cleared}`);
    return event;
  }

  resume(): ResumeResult {
    this.lockdown = false;
    const at = new Date().toISOString();
    this.broadcaster.resumed({ at });
    return { at, lockdown: false };
  }

  private assertOpen(): void {
    if (this.lockdown) {
      throw new ServiceUnavailableException(
        'Ingestion is locked down after a panic; an admin must POST /logs/resume',
      );
    }
  }

  /**
   * Mask, number, seal and store `inputs`. Accepted entries get consecutive seqs from
   * `firstSeq`; `tooLarge` lists the positions that did not fit. The broadcast copy of
   * each entry is only built when someone could receive it.
   */
  private accept(inputs: NormalisedInput[], forcedService: string | undefined): Accepted {
    const receivedAt = Date.now();
    const receivedIso = new Date(receivedAt).toISOString();
    const firstSeq = this.nextSeq;
    const broadcast = this.broadcaster.wantsEntries;
    const entries: LogEntry[] = [];
    const tooLarge: number[] = [];
    let lastMasked: MaskCounts | undefined;
    const block = this.pending;

    for (let position = 0; position < inputs.length; position += 1) {
      const input = inputs[position];
      const prepared = maskInput(this.masker, input, forcedService, this.env.LOG_MAX_MESSAGE);
      const seq = this.nextSeq;
      prepared.seq = seq;
      const meta: StoredEntryMeta = {
        seq,
        level: levelIndex(input.level),
        service: prepared.service,
        timestamp: input.timestamp ?? receivedAt,
        receivedAt,
        offset: 0,
        length: 0,
      };
      if (!block.add(encodeEntry(prepared), meta)) {
        tooLarge.push(position);
        continue;
      }
      this.nextSeq += 1;
      this.metrics.recordAccepted(
        input.level,
        prepared.service,
        prepared.masked,
        prepared.truncated,
      );
      lastMasked = prepared.masked;
      if (broadcast) entries.push(toEntry(this.crypto.epoch, meta, prepared, receivedIso));
    }
    if (block.size > 0) this.sealScheduled ??= setImmediate(() => this.sealPending());

    const count = this.nextSeq - firstSeq;
    if (broadcast) this.broadcaster.publish(entries);
    else if (count > 0) this.broadcaster.skipThrough(this.nextSeq - 1);
    return { firstSeq, count, tooLarge, lastMasked };
  }

  private sealPending(): void {
    this.cancelSeal();
    this.pending.flush();
  }

  private cancelSeal(): void {
    if (this.sealScheduled) clearImmediate(this.sealScheduled);
    this.sealScheduled = undefined;
  }

  private indexOfId(id: string): number {
    const match = /^(\d{1,10})-(\d{1,16})$/.exec(id);
    if (!match) {
      throw badInput({ field: 'id', reason: 'must look like <epoch>-<seq>, e.g. 1-42' });
    }
    const index =
      Number(match[1]) === this.crypto.epoch ? this.store.indexOf(Number(match[2])) : -1;
    if (index < 0) {
      throw new NotFoundException(
        `Log entry ${id} not found (evicted, wiped by a panic or never stored)`,
      );
    }
    return index;
  }

  private reader(): EntryReader {
    return new EntryReader(this.store, this.crypto);
  }
}

/** Gathers encoded entries and seals them a block at a time. */
class BlockBuilder {
  private lines: string[] = [];
  private metas: StoredEntryMeta[] = [];
  private bytes = 0;

  /** Entries gathered and not yet sealed. */
  get size(): number {
    return this.lines.length;
  }

  /** Drops what is gathered (a panic wiped it); returns how many entries that was. */
  discard(): number {
    const count = this.lines.length;
    this.lines = [];
    this.metas = [];
    this.bytes = 0;
    return count;
  }

  constructor(
    private readonly store: LogStore,
    private readonly crypto: CryptoService,
    private readonly maxEntries: number,
    private readonly onEvicted: (count: number) => void,
  ) {}

  /** False when the entry alone is too big for the store; fills in `meta`'s offset and length. */
  add(line: string, meta: StoredEntryMeta): boolean {
    const length = Buffer.byteLength(line);
    const limit = this.store.maxBlockBytes;
    if (CryptoService.sealedLength(length) > limit) return false;
    if (
      this.lines.length >= this.maxEntries ||
      this.bytes >= BLOCK_MAX_BYTES ||
      CryptoService.sealedLength(this.bytes + length) > limit
    ) {
      this.flush();
    }
    meta.offset = this.bytes;
    meta.length = length;
    this.lines.push(line);
    this.metas.push(meta);
    this.bytes += length;
    return true;
  }

  flush(): void {
    if (this.lines.length === 0) return;
    const plaintext = Buffer.allocUnsafe(this.bytes);
    let offset = 0;
    for (const line of this.lines) offset += plaintext.write(line, offset);
    const sealed = this.crypto.seal(plaintext, this.metas[0].seq, this.metas.length);
    plaintext.fill(0);
    const evicted = this.store.append(sealed, this.metas);
    if (evicted > 0) this.onEvicted(evicted);
    this.lines = [];
    this.metas = [];
    this.bytes = 0;
  }
}

/** Decrypts each block at most once per request, and zeroes the plaintexts afterwards. */
class EntryReader {
  private readonly blocks = new Map<number, Buffer>();

  constructor(
    private readonly store: LogStore,
    private readonly crypto: CryptoService,
  ) {}

  at(index: number): LogEntry {
    const location = this.store.locationAt(index);
    let plaintext = this.blocks.get(location.blockOffset);
    if (!plaintext) {
      plaintext = this.crypto.open(this.store.blockAt(location.blockOffset));
      this.blocks.set(location.blockOffset, plaintext);
    }
    const fields = decodeEntry(
      plaintext.toString('utf8', location.offset, location.offset + location.length),
    );
    const seq = this.store.seqAt(index);
    if (fields.seq !== seq) throw new Error('Stored entry does not match its position');
    return toEntry(
      this.crypto.epoch,
      {
        seq,
        level: this.store.levelAt(index),
        service: this.store.serviceAt(index),
        timestamp: this.store.timestampAt(index),
        receivedAt: this.store.receivedAtAt(index),
      },
      fields,
    );
  }

  /** The entry when it passes `filter`; decrypts only when the clear metadata already matches. */
  matching(index: number, filter: CompiledFilter): LogEntry | undefined {
    if (!filter.acceptsAll) {
      const service = filter.services ? this.store.serviceAt(index) : '';
      if (!filter.matchesMeta(this.store.levelAt(index), service, this.store.timestampAt(index))) {
        return undefined;
      }
    }
    const entry = this.at(index);
    return filter.matchesMessage(entry.message) ? entry : undefined;
  }

  wipe(): void {
    for (const plaintext of this.blocks.values()) plaintext.fill(0);
    this.blocks.clear();
  }
}
