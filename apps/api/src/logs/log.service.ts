import {
  BadRequestException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  BatchResult,
  CompiledLogFilter,
  HistogramBucket,
  IngestDoor,
  IngestResult,
  LOG_LEVELS,
  LogContext,
  LogEntry,
  LogFieldValues,
  LogHistogram,
  LogLevel,
  LogPage,
  MaskCounts,
  MetricsSnapshot,
  PanicEvent,
  ResumeResult,
} from '@redtail/contracts';
import { Env } from '../app/env';
import { BusyException, RetryLaterException } from '../app/retry-later.exception';
import { BlockBuilder } from './block-builder';
import { PickedEntriesRun } from './block-run';
import { BlockCipher, SealBrokenError } from './block-cipher';
import type { BroadcastSink } from './broadcast-sink';
import {
  type EncodedFields,
  encodeFields,
  liveRowText,
  restWithoutContext,
  liveRowTimes,
  toEntry,
} from './entry-codec';
import { EntryReader, MisplacedEntryError } from './entry-reader';
import { FieldValueTally } from './field-value-tally';
import { histogramRange } from './histogram-range';
import { normaliseLogInput, NormalisedInput } from './log-input';
import { LiveRowHeads } from './live-row-heads';
import { LogMasker } from './log-masker';
import { ScanOutcome, ScanRequest, scanNewest } from './log-scan';
import { maskInput, MaskedInput, SizeLimits } from './mask-input';
import { andThen, Awaitable } from './ports/awaitable';
import { AcceptedCounts, Counters } from './ports/counters';
import { LogStore, SealedBlock, StoreRefusedError } from './ports/log-store';
import { NodeFanOut } from './ports/node-fan-out';
import { EpochChange, EpochListener, Sealer } from './ports/sealer';
import { badInput, parseSingleBody, ReadBatch, readBatch, validateBatch } from './request-body';
import { ScansBusyError, ScanScheduler, ScanTicket } from './scan-scheduler';

const DEFAULT_PAGE = 100;
const DEFAULT_BACKFILL = 200;
const MAX_BACKFILL = 1_000;
const DEFAULT_BUCKETS = 60;
/** Bytes an entry's JSON spends on id, seq, level, service and times, beside its sealed fields. */
const ENTRY_OVERHEAD_BYTES = 160;
/** How long a client should wait before resending what a panic or an unreachable store refused. */
export const RETRY_AFTER_SECONDS = 1;
/** A lockdown lasts until an admin resumes: shippers should hold on and ask again now and then. */
export const LOCKDOWN_RETRY_AFTER_SECONDS = 30;

/** Where a set of entries came in, and the service an ingest key is bound to (it wins over theirs). */
export interface IngestOptions {
  door: IngestDoor;
  forcedService?: string;
}

/** Whose scan it is: their key's tracker (`trackerOf`), for the scheduler's per-key limit and turns. */
export interface ScanOwner {
  owner: string;
}

export interface ListQuery extends ScanOwner {
  limit?: number;
  before?: number;
  after?: number;
  filter: CompiledLogFilter;
}

export interface HistogramQuery extends ScanOwner {
  filter: CompiledLogFilter;
  since?: number;
  until?: number;
  buckets?: number;
}

export interface FieldValuesQuery extends ScanOwner {
  filter: CompiledLogFilter;
  /** A dotted path into the context, or `traceId` / `spanId`. */
  field: string;
  /** How many values to list. */
  top: number;
}

export interface Replay {
  /** Oldest first. */
  entries: LogEntry[];
  missed: number;
}

/** A masked entry waiting for its seq, with what its clear metadata will be. */
interface Prepared {
  fields: MaskedInput;
  /** The entry's sealed fields as JSON, which its live row is spliced from too. */
  encoded: EncodedFields;
  level: number;
  timestamp: number;
}

/** What `accept` stored: seqs `firstSeq` … `firstSeq + count - 1`, all in one epoch. */
interface Accepted {
  firstSeq: number;
  count: number;
  /** Positions (in the accepted inputs) of entries too large to store. */
  tooLarge: number[];
  /** Mask counts of the last stored entry (the only one for a single ingest). */
  lastMasked: MaskCounts | undefined;
}

/** Everything numbered during one event-loop turn; sealed, stored and announced at its end. */
interface Turn {
  epoch: number;
  builder: BlockBuilder;
  entries: { seq: number; prepared: Prepared; receivedAt: number }[];
  counts: AcceptedCounts;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

/**
 * The pipeline, top to bottom: validate → mask → number → seal → store → count → broadcast →
 * fan out. Written once for both backends; what differs lives behind the ports Nest binds at
 * start-up: the `LogStore` (an arena in memory, or Redis), the `Sealer` (a local key, or the
 * cluster's epoch key), the `Counters` and the `NodeFanOut`. Everything after the mask step only
 * ever sees masked text.
 *
 * The entries numbered during one event-loop turn are sealed and stored together at its end
 * (`setImmediate`), so a burst of single-entry requests shares one cipher call and one store
 * write; a request is answered once its entries are stored. An idle system delivers within a
 * millisecond, a loaded one batches by itself, and nothing waits on a timer.
 */
@Injectable()
export class LogService implements EpochListener {
  private readonly logger = new Logger('Logs');
  private sink: BroadcastSink | undefined;
  private turn: Turn | undefined;
  private flushScheduled: NodeJS.Immediate | undefined;
  /** Highest seq this node numbered or saw, so a new epoch starts after it. */
  private highestSeq = 0;
  private readonly sizeLimits: SizeLimits;
  private readonly rowHeads = new LiveRowHeads();

  constructor(
    private readonly store: LogStore,
    private readonly sealer: Sealer,
    private readonly counters: Counters,
    private readonly masker: LogMasker,
    private readonly fanOut: NodeFanOut,
    private readonly env: Env,
    private readonly scans: ScanScheduler,
  ) {
    this.sizeLimits = {
      maxMessageBytes: env.LOG_MAX_MESSAGE,
      context: { maxValueBytes: env.LOG_MAX_CONTEXT_VALUE, maxBytes: env.LOG_MAX_CONTEXT },
    };
    masker.setPseudonymKey(sealer.pseudonymKey);
    sealer.listen(this);
    fanOut.onReceive((epoch, block) => this.received(epoch, block));
  }

  /** The gateway registers here; what is stored from then on reaches it. */
  attach(sink: BroadcastSink): void {
    this.sink = sink;
  }

  detach(): void {
    this.sink = undefined;
  }

  get epoch(): number {
    return this.sealer.state.epoch;
  }

  get lockedDown(): boolean {
    return this.sealer.state.lockdown;
  }

  /** Tells the current epoch from another with the same number (a restarted server's). */
  get epochTag(): string {
    return this.sealer.state.tag;
  }

  /** The newest seq this node has given out or received from another; 0 before any. */
  get newestSeq(): number {
    return this.highestSeq;
  }

  ingest(body: unknown, options: IngestOptions): Awaitable<IngestResult> {
    this.assertOpen();
    const result = normaliseLogInput(parseSingleBody(body));
    if (result.problem) {
      this.counters.recordRejected(1, options.door);
      throw badInput(result.problem);
    }
    const input = result.input as NormalisedInput;
    return andThen(this.accept([input], options), (accepted) => {
      if (accepted.count === 0 || !accepted.lastMasked) {
        this.counters.recordRejected(1, options.door);
        throw new PayloadTooLargeException('Entry is larger than LOG_MAX_BYTES');
      }
      return {
        id: `${this.sealer.state.epoch}-${accepted.firstSeq}`,
        seq: accepted.firstSeq,
        level: input.level,
        masked: accepted.lastMasked,
      };
    });
  }

  /** A JSON array or NDJSON of up to LOG_MAX_BATCH entries. */
  ingestBatch(body: unknown, options: IngestOptions): Awaitable<BatchResult> {
    this.assertOpen();
    return this.acceptBatch(readBatch(body, this.env.LOG_MAX_BATCH), options);
  }

  /**
   * Entries a door has already decoded into the canonical shape (`LogInput` objects, or raw
   * pino/winston-style objects, as `POST /logs/batch` takes them); each is validated alone, so a
   * bad one is reported by index and never sinks the others. The door applies its own limit.
   */
  ingestEntries(items: readonly unknown[], options: IngestOptions): Awaitable<BatchResult> {
    this.assertOpen();
    return this.acceptBatch(validateBatch(items), options);
  }

  list(query: ListQuery): Awaitable<LogPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const scan = this.scan(query.owner, this.epoch, {
      filter: query.filter,
      want: limit,
      before: query.before,
      after: query.after,
    });
    return andThen(scan, (outcome) => {
      const { matches } = outcome;
      let nextBefore: number | null = null;
      if (matches.length === limit && !outcome.exhausted) nextBefore = matches[limit - 1].seq;
      else if (outcome.outOfBudget && outcome.lowestSeen !== undefined) {
        nextBefore = outcome.lowestSeen;
      }
      return { entries: matches, nextBefore };
    });
  }

  /**
   * One entry by id. With `epochTag` (a link made earlier), an epoch that only shares its number
   * (a restarted server's) has not got the entry either: its seq names another line there.
   */
  get(id: string, epochTag?: string): Awaitable<LogEntry> {
    const seq = this.seqOf(id);
    if (epochTag !== undefined && epochTag !== this.epochTag) throw notFound(id);
    const epoch = this.epoch;
    return this.reading(() =>
      andThen(
        this.store.read({ after: seq - 1, before: seq + 1, limit: 1, newest: false }, epoch),
        (found) => {
          if (found.length === 0 || found.seqAt(0) !== seq) throw notFound(id);
          const reader = new EntryReader(this.sealer, epoch);
          try {
            return reader.at(found, 0);
          } finally {
            reader.wipe();
          }
        },
      ),
    );
  }

  /** The entry with up to `n` neighbours on each side, oldest first. */
  context(id: string, n: number): Awaitable<LogContext> {
    const seq = this.seqOf(id);
    const epoch = this.epoch;
    const read = (
      after: number | undefined,
      before: number | undefined,
      limit: number,
      newest: boolean,
    ) => this.store.read({ after, before, limit, newest }, epoch);
    return this.reading(() =>
      andThen(read(seq - 1, seq + 1, 1, false), (target) =>
        andThen(read(undefined, seq, n, true), (before) =>
          andThen(read(seq, undefined, n, false), (after) => {
            if (target.length === 0 || target.seqAt(0) !== seq) throw notFound(id);
            const reader = new EntryReader(this.sealer, epoch);
            try {
              const all = (run: typeof target) =>
                Array.from({ length: run.length }, (_, index) => reader.at(run, index));
              return { target: reader.at(target, 0), before: all(before), after: all(after) };
            } finally {
              reader.wipe();
            }
          }),
        ),
      ),
    );
  }

  /**
   * What a (re)subscribing dashboard gets in its acknowledgement. The socket has joined its
   * group before this runs, and a turn stores and delivers in one synchronous step, so what is
   * stored later reaches it live: no gap, and (on one node) no duplicate. In a cluster an entry
   * stored while a read is on its way to Redis may arrive both ways; dashboards keep one per seq.
   */
  replay(
    filter: CompiledLogFilter,
    options: ScanOwner & { afterSeq?: number; backfill?: number },
  ): Awaitable<Replay> {
    const epoch = this.sealer.state;
    if (options.afterSeq === undefined) {
      const want = Math.min(options.backfill ?? DEFAULT_BACKFILL, MAX_BACKFILL);
      // No backfill asked: no read of the store (and no scan slot taken, nor refused as busy).
      if (want === 0) return { entries: [], missed: 0 };
      const scan = this.scan(options.owner, epoch.epoch, { filter, want });
      return andThen(scan, (outcome) => ({
        entries: outcome.matches.reverse(),
        missed: 0,
      }));
    }
    const after = options.afterSeq;
    const scan = this.scan(options.owner, epoch.epoch, {
      filter,
      want: this.env.LOG_CLIENT_QUEUE,
      after,
    });
    return andThen(scan, (outcome) =>
      andThen(this.store.oldestSeq(epoch.epoch), (oldest) => {
        let missed = 0;
        // Stopped short (cap or budget): everything between the cursor and the newest unseen is
        // reported, matching or not, as the client cannot tell.
        if (!outcome.exhausted && outcome.lowestSeen !== undefined) {
          missed += Math.max(0, outcome.lowestSeen - 1 - after);
        }
        const firstKept = oldest ?? this.highestSeq + 1;
        missed += Math.max(0, firstKept - Math.max(after + 1, epoch.startSeq));
        return { entries: outcome.matches.reverse(), missed };
      }),
    );
  }

  /** Entries per level in equal time buckets, for the dashboard's volume chart. */
  histogram(query: HistogramQuery): Awaitable<LogHistogram> {
    const buckets = query.buckets ?? DEFAULT_BUCKETS;
    const range = histogramRange(query.since, query.until, Date.now());
    if ('field' in range) throw badInput(range);
    const { from, to } = range;
    const bucketMs = Math.max(1, Math.ceil((to - from) / buckets));
    const counts: HistogramBucket[] = Array.from({ length: buckets }, (_, index) => ({
      start: from + index * bucketMs,
      counts: emptyLevelCounts(),
    }));
    const scan = this.scan(query.owner, this.epoch, {
      filter: query.filter,
      want: Number.POSITIVE_INFINITY,
      visitMeta: (run, index) => {
        const time = run.timestampAt(index);
        if (time < from || time >= from + buckets * bucketMs) return;
        counts[Math.floor((time - from) / bucketMs)].counts[LOG_LEVELS[run.levelAt(index)]] += 1;
      },
    });
    return andThen(scan, (outcome) => ({
      from,
      to: from + buckets * bucketMs,
      bucketMs,
      buckets: counts,
      complete: !outcome.outOfBudget,
    }));
  }

  /**
   * How often each value of one field occurs in the entries matching a filter, newest entries
   * first within the scan's work budget (every entry is opened: the field is in its sealed part).
   */
  fieldValues(query: FieldValuesQuery): Awaitable<LogFieldValues> {
    const tally = new FieldValueTally(query.field);
    const scan = this.scan(query.owner, this.epoch, {
      filter: query.filter,
      want: Number.POSITIVE_INFINITY,
      visitEntry: (entry) => tally.add(entry),
    });
    return andThen(scan, (outcome) => tally.result(query.top, !outcome.outOfBudget));
  }

  metricsSnapshot(): Awaitable<MetricsSnapshot> {
    const epoch = this.sealer.state;
    return this.reading(() =>
      andThen(this.store.usage(epoch.epoch), (usage) =>
        this.counters.snapshot({ storedEntries: usage.entries, storedBytes: usage.bytes, epoch }),
      ),
    );
  }

  setViewers(count: number): void {
    this.counters.setViewers(count);
  }

  /**
   * Wipe everything readable, start a new key epoch, tell every dashboard (every node's, in a
   * cluster: each hears of the new epoch through its `Sealer` and runs `epochChanged`).
   */
  panic(lockdown = false): Awaitable<PanicEvent> {
    const epoch = this.epoch;
    return andThen(
      this.storeCall(() => this.store.clear(epoch)),
      (cleared) =>
        andThen(
          this.storeCall(() =>
            this.sealer.rotate({ lockdown, cleared, nextSeq: this.highestSeq + 1 }),
          ),
          (): PanicEvent => {
            const state = this.sealer.state;
            this.logger.warn(`panic: epoch ${state.epoch}, cleared ${cleared}`);
            return {
              at: state.lastPanicAt ?? new Date().toISOString(),
              epoch: state.epoch,
              epochTag: state.tag,
              cleared,
              lockdown: state.lockdown,
              reason: 'panic',
            };
          },
        ),
    );
  }

  /**
   * Drops every stored entry and every count, in the same epoch and without telling anyone: for
   * the start-up warm-up (app/serving-warmup.ts), which sends made-up traffic through the real
   * doors before the server listens, so nobody else has sent or seen anything yet. Seqs keep
   * rising, as after a panic. Returns how many entries were dropped.
   */
  forgetAll(): Awaitable<number> {
    this.discardTurn();
    this.rowHeads.forget();
    return andThen(
      this.storeCall(() => this.store.clear(this.epoch)),
      (cleared) => {
        this.counters.reset();
        return cleared;
      },
    );
  }

  resume(): Awaitable<ResumeResult> {
    return andThen(
      this.storeCall(() => this.sealer.resume()),
      () => ({
        at: new Date().toISOString(),
        lockdown: false as const,
      }),
    );
  }

  /** Heard from the `Sealer`: this node's panic, another node's, or a store that was lost. */
  epochChanged(change: EpochChange): void {
    this.masker.setPseudonymKey(this.sealer.pseudonymKey);
    this.counters.reset();
    this.discardTurn();
    this.rowHeads.forget();
    if (change.reason === 'store-lost') {
      this.logger.warn(`epoch ${change.epoch}: the shared store was lost`);
    }
    this.sink?.panicked({
      at: change.at,
      epoch: change.epoch,
      epochTag: this.sealer.state.tag,
      cleared: change.cleared,
      lockdown: change.lockdown,
      reason: change.reason,
    });
  }

  resumed(at: string): void {
    this.sink?.resumed({ at });
  }

  /** Throws the lockdown refusal (503, Retry-After) while ingestion is locked down. */
  assertOpen(): void {
    if (this.sealer.state.lockdown) throw lockedDown();
  }

  private acceptBatch(batch: ReadBatch, options: IngestOptions): Awaitable<BatchResult> {
    const { inputs, positions, errors } = batch;
    return andThen(this.accept(inputs, options), ({ firstSeq, count, tooLarge }) => {
      for (const position of tooLarge) {
        errors.push({ index: positions[position], reason: 'entry is larger than LOG_MAX_BYTES' });
      }
      errors.sort((a, b) => a.index - b.index);
      if (errors.length > 0) this.counters.recordRejected(errors.length, options.door);
      const epoch = this.sealer.state.epoch;
      const ids = new Array<string>(count);
      for (let i = 0; i < count; i += 1) ids[i] = `${epoch}-${firstSeq + i}`;
      return { accepted: count, rejected: errors.length, ids, errors };
    });
  }

  /** Mask each entry, then number them and have them stored at the end of this turn. */
  private accept(inputs: NormalisedInput[], options: IngestOptions): Awaitable<Accepted> {
    const receivedAt = Date.now();
    const prepared: Prepared[] = [];
    const tooLarge: number[] = [];
    for (let position = 0; position < inputs.length; position += 1) {
      const input = inputs[position];
      const fields = maskInput(this.masker, input, options.forcedService, this.sizeLimits);
      const encoded = encodeFields(fields);
      // Room for the seq the store has yet to give it: at most 16 digits.
      if (!this.fitsBlock(encoded.bytes + 17)) {
        tooLarge.push(position);
        continue;
      }
      prepared.push({
        fields,
        encoded,
        level: LOG_LEVELS.indexOf(input.level),
        timestamp: input.timestamp ?? receivedAt,
      });
    }
    const lastMasked = prepared[prepared.length - 1]?.fields.masked;
    if (prepared.length === 0) return { firstSeq: 0, count: 0, tooLarge, lastMasked };

    const epoch = this.sealer.state.epoch;
    const reserved = this.storeCall(() => this.store.reserve(prepared.length, epoch));
    return andThen(reserved, (firstSeq) =>
      andThen(this.enqueue(epoch, firstSeq, prepared, receivedAt, options.door), () => ({
        firstSeq,
        count: prepared.length,
        tooLarge,
        lastMasked,
      })),
    );
  }

  private fitsBlock(bytes: number): boolean {
    return BlockCipher.sealedLength(bytes) <= this.store.maxBlockBytes;
  }

  /** Adds numbered entries to this turn; settles once they are stored. */
  private enqueue(
    epoch: number,
    firstSeq: number,
    prepared: Prepared[],
    receivedAt: number,
    door: IngestDoor,
  ): Promise<void> {
    // A panic between numbering and here wiped the epoch these entries were masked for.
    if (epoch !== this.sealer.state.epoch) return Promise.reject(wipedByPanic());
    const turn = (this.turn ??= this.newTurn(epoch));
    const { counts } = turn;
    for (let i = 0; i < prepared.length; i += 1) {
      const entry = prepared[i];
      const seq = firstSeq + i;
      turn.builder.add(entry.encoded, {
        seq,
        level: entry.level,
        service: entry.fields.service,
        timestamp: entry.timestamp,
        receivedAt,
      });
      turn.entries.push({ seq, prepared: entry, receivedAt });
      const level = LOG_LEVELS[entry.level];
      counts.perLevel[level] = (counts.perLevel[level] ?? 0) + 1;
      counts.perService.set(
        entry.fields.service,
        (counts.perService.get(entry.fields.service) ?? 0) + 1,
      );
      for (const type in entry.fields.masked) {
        counts.masked[type] = (counts.masked[type] ?? 0) + (entry.fields.masked[type] ?? 0);
      }
      if (entry.fields.truncated) counts.truncated += 1;
    }
    counts.total += prepared.length;
    counts.perDoor[door] = (counts.perDoor[door] ?? 0) + prepared.length;
    if (firstSeq + prepared.length - 1 > this.highestSeq)
      this.highestSeq = firstSeq + prepared.length - 1;
    if (!this.flushScheduled) {
      this.flushScheduled = setImmediate(() => this.flush());
      // Scan slices due before this turn is delivered wait for it: the live tail goes first.
      this.scans.liveTurnPending();
    }
    return new Promise<void>((resolve, reject) => turn.waiters.push({ resolve, reject }));
  }

  private newTurn(epoch: number): Turn {
    return {
      epoch,
      builder: new BlockBuilder(
        this.sealer,
        this.store.maxBlockBytes,
        this.store.maxBlockEntries,
        (entries) => this.store.bound(entries),
      ),
      entries: [],
      counts: {
        total: 0,
        perLevel: {},
        perService: new Map(),
        perDoor: {},
        masked: {},
        truncated: 0,
        at: Date.now(),
      },
      waiters: [],
    };
  }

  /** Runs the live turn, then lets the scan slices that waited for it have theirs. */
  private flush(): void {
    this.flushScheduled = undefined;
    try {
      this.flushTurn();
    } finally {
      this.scans.liveTurnDone();
    }
  }

  /** Seal, store, count, broadcast and fan out what this turn numbered, then answer its requests. */
  private flushTurn(): void {
    const turn = this.turn;
    this.turn = undefined;
    if (!turn) return;
    let blocks: SealedBlock[];
    try {
      blocks = turn.builder.take();
    } catch (error) {
      settle(turn, unavailable(error));
      return;
    }
    let done: Awaitable<void>;
    try {
      const stored = this.storeCall(() => this.appendAll(blocks, turn.epoch, 0, 0));
      done = andThen(stored, (evicted) => {
        if (turn.epoch !== this.sealer.state.epoch) throw wipedByPanic();
        if (evicted > 0) this.counters.recordEvicted(evicted);
        this.counters.recordAccepted(turn.counts);
        this.deliver(turn);
        for (const block of blocks) this.fanOut.send(turn.epoch, block);
        settle(turn);
      });
    } catch (error) {
      settle(turn, error);
      return;
    }
    if (done instanceof Promise) done.catch((error: unknown) => settle(turn, error));
  }

  private appendAll(
    blocks: SealedBlock[],
    epoch: number,
    from: number,
    evicted: number,
  ): Awaitable<number> {
    if (from === blocks.length) return evicted;
    return andThen(this.store.append(blocks[from], epoch), (count) =>
      this.appendAll(blocks, epoch, from + 1, evicted + count),
    );
  }

  private deliver(turn: Turn): void {
    if (!this.sink?.listening) return;
    const receivedIso = new Date(turn.entries[0]?.receivedAt ?? Date.now()).toISOString();
    const sizes = turn.entries.map(({ prepared }) => prepared.encoded.bytes + ENTRY_OVERHEAD_BYTES);
    let whole: string[] | undefined;
    let withoutContext: string[] | undefined;
    let entries: LogEntry[] | undefined;
    this.sink.deliver({
      sizes,
      rows: (withContext) =>
        withContext
          ? (whole ??= this.liveRows(turn, receivedIso, true))
          : (withoutContext ??= this.liveRows(turn, receivedIso, false)),
      entries: () => (entries ??= this.entriesOf(turn, receivedIso)),
    });
  }

  /**
   * Each entry's live row as JSON, spliced from its sealed JSON (`liveRowText`) instead of
   * serialised again; without context, the context's place holds its marker.
   */
  private liveRows(turn: Turn, receivedIso: string, withContext: boolean): string[] {
    const first = turn.entries[0];
    // Entries sent without a timestamp (most) share the turn's reception time.
    const sharedTimes = liveRowTimes(receivedIso, receivedIso);
    const rows: string[] = [];
    for (const { seq, prepared, receivedAt } of turn.entries) {
      // Each time is made into text once, as `toEntry` does: most entries of a turn share both.
      const entryReceivedIso =
        receivedAt === first.receivedAt ? receivedIso : new Date(receivedAt).toISOString();
      const timestampIso =
        prepared.timestamp === receivedAt
          ? entryReceivedIso
          : new Date(prepared.timestamp).toISOString();
      const times =
        timestampIso === receivedIso && entryReceivedIso === receivedIso
          ? sharedTimes
          : liveRowTimes(timestampIso, entryReceivedIso);
      const head = this.rowHeads.of(prepared.level, prepared.fields.service);
      const { encoded } = prepared;
      const rest = withContext ? encoded.rest : restWithoutContext(prepared.fields, encoded);
      rows.push(liveRowText(seq, head, times, encoded, rest));
    }
    return rows;
  }

  private entriesOf(turn: Turn, receivedIso: string): LogEntry[] {
    const first = turn.entries[0];
    return turn.entries.map(({ seq, prepared, receivedAt }) =>
      toEntry(
        turn.epoch,
        {
          seq,
          level: prepared.level,
          service: prepared.fields.service,
          timestamp: prepared.timestamp,
          receivedAt,
        },
        prepared.fields,
        receivedAt === first.receivedAt ? receivedIso : undefined,
      ),
    );
  }

  /** Entries of a wiped epoch must never be stored or reach a dashboard after its `panic` event. */
  private discardTurn(): void {
    if (this.flushScheduled) {
      clearImmediate(this.flushScheduled);
      this.scans.liveTurnDone();
    }
    this.flushScheduled = undefined;
    const turn = this.turn;
    this.turn = undefined;
    if (turn) settle(turn, wipedByPanic());
  }

  /** Another node's block: opened only when someone here is watching. */
  private received(epoch: number, block: SealedBlock): void {
    const last = block.entries[block.entries.length - 1];
    if (last && last.seq > this.highestSeq) this.highestSeq = last.seq;
    if (epoch !== this.epoch || !this.sink?.listening) return;
    const run = PickedEntriesRun.of(block);
    const reader = new EntryReader(this.sealer, epoch);
    let entries: LogEntry[];
    try {
      entries = block.entries.map((_, index) => reader.at(run, index));
    } catch (error) {
      // Sealed under a key this node no longer holds (a panic crossed it), or tampered with.
      this.logger.warn(`dropped a relayed block that did not open: ${(error as Error).name}`);
      return;
    } finally {
      reader.wipe();
    }
    this.sink.deliver({
      sizes: block.entries.map((entry) => entry.length + ENTRY_OVERHEAD_BYTES),
      entries: () => entries,
    });
  }

  /**
   * One scan of the store for `owner`, in a place the scheduler gives it (a 429 when the key or
   * the node has as many scans in progress as allowed), given back however the scan ends.
   */
  private scan(owner: string, epoch: number, request: ScanRequest): Awaitable<ScanOutcome> {
    const ticket = this.admit(owner);
    let work: Awaitable<ScanOutcome>;
    try {
      work = this.reading(() => scanNewest(this.store, this.sealer, epoch, request, ticket));
    } catch (error) {
      ticket.release();
      throw error;
    }
    if (work instanceof Promise) return work.finally(() => ticket.release());
    ticket.release();
    return work;
  }

  private admit(owner: string): ScanTicket {
    try {
      return this.scans.admit(owner);
    } catch (error) {
      if (error instanceof ScansBusyError) {
        throw new BusyException(error.message, RETRY_AFTER_SECONDS);
      }
      throw error;
    }
  }

  /** Maps a read's failures to answers: a broken seal or a misplaced entry is the store's fault. */
  private reading<T>(read: () => Awaitable<T>): Awaitable<T> {
    try {
      const work = read();
      if (work instanceof Promise) {
        return work.catch((error: unknown) => Promise.reject(readFailure(error)));
      }
      return work;
    } catch (error) {
      throw readFailure(error);
    }
  }

  /** Runs a store or sealer call, turning its refusals into answers a client can act on. */
  private storeCall<T>(call: () => Awaitable<T>): Awaitable<T> {
    try {
      const result = call();
      if (result instanceof Promise)
        return result.catch((error: unknown) => Promise.reject(refusal(error)));
      return result;
    } catch (error) {
      throw refusal(error);
    }
  }

  private seqOf(id: string): number {
    const match = /^(\d{1,10})-(\d{1,16})$/.exec(id);
    if (!match) {
      throw badInput({ field: 'id', reason: 'must look like <epoch>-<seq>, e.g. 1-42' });
    }
    if (Number(match[1]) !== this.epoch) throw notFound(id);
    return Number(match[2]);
  }
}

function settle(turn: Turn, error?: unknown): void {
  for (const waiter of turn.waiters) {
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }
}

function emptyLevelCounts(): Record<LogLevel, number> {
  return Object.fromEntries(LOG_LEVELS.map((level) => [level, 0])) as Record<LogLevel, number>;
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(
    `Log entry ${id} not found (evicted, wiped by a panic or never stored)`,
  );
}

function lockedDown(): HttpException {
  return new RetryLaterException(
    'Ingestion is locked down after a panic; an admin must POST /logs/resume',
    LOCKDOWN_RETRY_AFTER_SECONDS,
  );
}

function wipedByPanic(): HttpException {
  return retryable('A panic wiped the store before these entries were stored; send them again');
}

function unavailable(cause?: unknown): HttpException {
  return retryable('The log store cannot be reached; try again shortly', cause);
}

function retryable(message: string, cause?: unknown): HttpException {
  return new RetryLaterException(message, RETRY_AFTER_SECONDS, cause);
}

function refusal(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  if (error instanceof StoreRefusedError) {
    if (error.reason === 'locked') return lockedDown();
    if (error.reason === 'epoch-moved') return wipedByPanic();
    return unavailable(error);
  }
  return error;
}

function readFailure(error: unknown): unknown {
  if (error instanceof SealBrokenError || error instanceof MisplacedEntryError) {
    return new ServiceUnavailableException(
      'Stored entries failed authentication (a panic during the read, or tampering); try again',
    );
  }
  if (error instanceof StoreRefusedError) return refusal(error);
  if (error instanceof BadRequestException) return error;
  return error;
}
