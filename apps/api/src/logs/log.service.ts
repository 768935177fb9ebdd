import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  BatchItemError,
  BatchResult,
  IngestResult,
  LOG_LEVELS,
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
import { decodeEntry, encodeEntry, SealedFields } from './entry-codec';
import { InputProblem, normaliseLogInput, NormalisedInput } from './log-input';
import { CompiledFilter, levelIndex } from './log-filter';
import { LogBroadcaster } from './log-broadcaster';
import { LogMasker } from './log-masker';
import { ListQuery, LogPipeline, Replay } from './log-pipeline';
import { LogStore, StoredEntryMeta } from './log.store';
import { MetricsService } from './metrics.service';

/** Entries sealed together: one cipher call each, and reading one entry decrypts at most this much. */
const BLOCK_MAX_ENTRIES = 256;
const BLOCK_MAX_BYTES = 64 * 1024;
const DEFAULT_PAGE = 100;
const DEFAULT_BACKFILL = 200;
const MAX_BACKFILL = 1_000;
const TRUNCATION_MARKER = '… [truncated]';
const TRUNCATION_MARKER_BYTES = Buffer.byteLength(TRUNCATION_MARKER);

export type { ListQuery, Replay };

/** A masked entry waiting for its seq and its place in a sealed block. */
interface Prepared extends Omit<SealedFields, 'seq'> {
  service: string;
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

  constructor(
    private readonly store: LogStore,
    private readonly crypto: CryptoService,
    private readonly metrics: MetricsService,
    private readonly masker: LogMasker,
    private readonly broadcaster: LogBroadcaster,
    private readonly env: Env,
  ) {}

  ingest(body: unknown, forcedService?: string): IngestResult {
    this.assertOpen();
    const result = normaliseLogInput(parseSingleBody(body));
    if (result.problem) {
      this.metrics.recordRejected();
      throw badInput(result.problem);
    }
    const { entries } = this.accept([result.input], forcedService);
    if (entries.length === 0) {
      this.metrics.recordRejected();
      throw new PayloadTooLargeException('Entry is larger than LOG_MAX_BYTES');
    }
    const [entry] = entries;
    return { id: entry.id, seq: entry.seq, masked: entry.masked };
  }

  ingestBatch(body: unknown, forcedService?: string): BatchResult {
    this.assertOpen();
    const items = splitBatch(body, this.env.LOG_MAX_BATCH);
    const errors: BatchItemError[] = [];
    const inputs: NormalisedInput[] = [];
    const positions: number[] = [];
    items.forEach((item, index) => {
      if (item === MALFORMED) {
        errors.push({ index, reason: 'malformed JSON' });
        return;
      }
      const result = normaliseLogInput(item);
      if (result.input) {
        inputs.push(result.input);
        positions.push(index);
      } else {
        errors.push({
          index,
          field: result.problem.field || undefined,
          reason: result.problem.reason,
        });
      }
    });
    const { entries, tooLarge } = this.accept(inputs, forcedService);
    for (const position of tooLarge) {
      errors.push({ index: positions[position], reason: 'entry is larger than LOG_MAX_BYTES' });
    }
    errors.sort((a, b) => a.index - b.index);
    if (errors.length > 0) this.metrics.recordRejected(errors.length);
    return {
      accepted: entries.length,
      rejected: errors.length,
      ids: entries.map((entry) => entry.id),
      errors,
    };
  }

  list(query: ListQuery): LogPage {
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
    const index = this.indexOfId(id);
    const reader = this.reader();
    const entry = reader.at(index);
    reader.wipe();
    return entry;
  }

  /** The entry with up to `n` neighbours on each side, oldest first. */
  context(id: string, n: number): LogContext {
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
    const cleared = this.store.clear();
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

  /** Mask, number, seal and store `inputs`; returns the stored entries and which inputs did not fit. */
  private accept(
    inputs: NormalisedInput[],
    forcedService: string | undefined,
  ): { entries: LogEntry[]; tooLarge: number[] } {
    const receivedAt = Date.now();
    const receivedIso = new Date(receivedAt).toISOString();
    const entries: LogEntry[] = [];
    const tooLarge: number[] = [];
    const block = new BlockBuilder(
      this.store,
      this.crypto,
      Math.min(BLOCK_MAX_ENTRIES, this.store.maxEntries),
    );

    inputs.forEach((input, position) => {
      const prepared = this.mask(input, forcedService);
      const seq = this.nextSeq;
      const line = encodeEntry({ seq, ...prepared });
      const meta = {
        seq,
        level: levelIndex(input.level),
        service: prepared.service,
        timestamp: input.timestamp ?? receivedAt,
        receivedAt,
      };
      if (!block.add(line, meta, (evicted) => this.metrics.recordEvicted(evicted))) {
        tooLarge.push(position);
        return;
      }
      this.nextSeq += 1;
      this.metrics.recordAccepted(
        input.level,
        prepared.service,
        prepared.masked,
        prepared.truncated,
      );
      entries.push(toEntry(this.crypto.epoch, meta, prepared, receivedIso));
    });
    block.flush((evicted) => this.metrics.recordEvicted(evicted));

    this.broadcaster.publish(entries);
    return { entries, tooLarge };
  }

  private mask(input: NormalisedInput, forcedService: string | undefined): Prepared {
    const masked: MaskCounts = {};
    let message = this.masker.maskText(input.message, masked).value;
    const context = input.context && this.masker.maskValue(input.context, masked).value;
    const truncated = exceedsBytes(message, this.env.LOG_MAX_MESSAGE);
    if (truncated) message = truncateBytes(message, this.env.LOG_MAX_MESSAGE);
    return {
      service: forcedService ?? input.service,
      message,
      context,
      traceId: input.traceId,
      spanId: input.spanId,
      masked,
      truncated,
    };
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

  constructor(
    private readonly store: LogStore,
    private readonly crypto: CryptoService,
    private readonly maxEntries: number,
  ) {}

  /** False when the entry alone is too big for the store. */
  add(
    line: string,
    meta: Omit<StoredEntryMeta, 'offset' | 'length'>,
    onEvicted: (count: number) => void,
  ): boolean {
    const length = Buffer.byteLength(line);
    const limit = this.store.maxBlockBytes;
    if (CryptoService.sealedLength(length) > limit) return false;
    if (
      this.lines.length >= this.maxEntries ||
      this.bytes >= BLOCK_MAX_BYTES ||
      CryptoService.sealedLength(this.bytes + length) > limit
    ) {
      this.flush(onEvicted);
    }
    this.lines.push(line);
    this.metas.push({ ...meta, offset: this.bytes, length });
    this.bytes += length;
    return true;
  }

  flush(onEvicted: (count: number) => void): void {
    if (this.lines.length === 0) return;
    const plaintext = Buffer.allocUnsafe(this.bytes);
    let offset = 0;
    for (const line of this.lines) offset += plaintext.write(line, offset);
    const sealed = this.crypto.seal(plaintext, this.metas[0].seq, this.metas.length);
    plaintext.fill(0);
    const evicted = this.store.append(sealed, this.metas);
    if (evicted > 0) onEvicted(evicted);
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

export function toEntry(
  epoch: number,
  meta: Omit<StoredEntryMeta, 'offset' | 'length'>,
  fields: Omit<SealedFields, 'seq'>,
  receivedIso = new Date(meta.receivedAt).toISOString(),
): LogEntry {
  const entry: LogEntry = {
    id: `${epoch}-${meta.seq}`,
    seq: meta.seq,
    level: LOG_LEVELS[meta.level],
    service: meta.service,
    message: fields.message,
    timestamp:
      meta.timestamp === meta.receivedAt ? receivedIso : new Date(meta.timestamp).toISOString(),
    receivedAt: receivedIso,
    masked: fields.masked,
  };
  if (fields.context !== undefined) entry.context = fields.context;
  if (fields.traceId !== undefined) entry.traceId = fields.traceId;
  if (fields.spanId !== undefined) entry.spanId = fields.spanId;
  if (fields.truncated) entry.truncated = true;
  return entry;
}

export const MALFORMED = Symbol('malformed');

/** `POST /logs` bodies: parsed JSON, or text when sent as NDJSON. */
export function parseSingleBody(body: unknown): unknown {
  if (body === undefined) {
    throw new UnsupportedMediaTypeException('Content-Type must be application/json');
  }
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body.trim()) as unknown;
  } catch {
    throw new BadRequestException('Malformed JSON in request body');
  }
}

/** A JSON array, or NDJSON text (one entry per non-blank line; a bad line fails alone). */
export function splitBatch(body: unknown, max: number): unknown[] {
  if (body === undefined) {
    throw new UnsupportedMediaTypeException(
      'Content-Type must be application/json (an array) or application/x-ndjson',
    );
  }
  let items: unknown[];
  if (Array.isArray(body)) {
    items = body;
  } else if (typeof body === 'string') {
    const trimmed = body.trimStart();
    if (trimmed.startsWith('[')) {
      try {
        items = JSON.parse(trimmed) as unknown[];
      } catch {
        throw new BadRequestException('Malformed JSON in request body');
      }
      if (!Array.isArray(items)) throw badInput({ field: 'body', reason: 'must be an array' });
    } else {
      items = parseNdjson(body, max);
    }
  } else {
    throw badInput({ field: 'body', reason: 'must be a JSON array of entries or NDJSON' });
  }
  if (items.length === 0) throw badInput({ field: 'body', reason: 'batch is empty' });
  if (items.length > max) {
    throw new PayloadTooLargeException(`Batch has more than LOG_MAX_BATCH (${max}) entries`);
  }
  return items;
}

function parseNdjson(text: string, max: number): unknown[] {
  const items: unknown[] = [];
  let from = 0;
  while (from < text.length && items.length <= max) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to).trim();
    from = to + 1;
    if (line.length === 0) continue;
    try {
      items.push(JSON.parse(line));
    } catch {
      items.push(MALFORMED);
    }
  }
  return items;
}

export function exceedsBytes(text: string, limit: number): boolean {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no counting.
  return text.length * 3 > limit && Buffer.byteLength(text) > limit;
}

const encoder = new TextEncoder();

/** Cuts at a character boundary (encodeInto never splits one) and appends the marker. */
export function truncateBytes(text: string, limit: number): string {
  const room = Math.max(0, limit - TRUNCATION_MARKER_BYTES);
  const { read } = encoder.encodeInto(text, new Uint8Array(room));
  return text.slice(0, read) + TRUNCATION_MARKER;
}

export function badInput(problem: InputProblem): BadRequestException {
  const field = problem.field || 'body';
  return new BadRequestException({
    error: 'Bad Request',
    message: `${field}: ${problem.reason}`,
    errors: [{ field, reason: problem.reason }],
  });
}
