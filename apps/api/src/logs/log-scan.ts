import type { CompiledLogFilter, LogEntry } from '@redtail/contracts';
import { EntryReader } from './entry-reader';
import type { Awaitable } from './ports/awaitable';
import type { EntryRun, LogStore } from './ports/log-store';
import type { Sealer } from './ports/sealer';
import type { ScanTicket } from './scan-scheduler';

/** Entries read from the store per step: small enough to check the clock often. */
const CHUNK = 512;
/** Longest the scan holds the event loop before it lets other work run. */
const SLICE_MS = 4;
/**
 * Scanning work one request may cost in all: a filter that matches little over a full store
 * returns what it found with a cursor instead of burning the CPU other viewers need.
 */
const BUDGET_MS = 50;

export interface ScanRequest {
  filter: CompiledLogFilter;
  /** Stop after this many matches. */
  want: number;
  /** Only seqs smaller than this. */
  before?: number;
  /** Only seqs greater than this. */
  after?: number;
  /** Called for each entry whose clear metadata passes, instead of collecting matches. */
  visitMeta?: (run: EntryRun, index: number) => void;
  /** Called for each matching entry, opened, instead of collecting matches. */
  visitEntry?: (entry: LogEntry) => void;
}

export interface ScanOutcome {
  /** Newest first. */
  matches: LogEntry[];
  /** Lowest seq looked at; the cursor to continue from. */
  lowestSeen: number | undefined;
  /** True when nothing in range is left unexamined. */
  exhausted: boolean;
  /** True when the work budget ran out first. */
  outOfBudget: boolean;
}

/**
 * Walks the store newest first, chunk by chunk, deciding level, service and time in clear and
 * opening only entries those let through. Synchronous while the store is, the work is short and
 * the scheduler lets it run at once; past a few milliseconds it yields between chunks and waits
 * for its next turn (`ScanScheduler`: after the live broadcast, one slice per turn of the loop,
 * within the share of each second all scans have together), reporting each slice's time; past
 * its own budget it stops with what it has. Every chunk is read afresh by seq, so entries evicted
 * or added while it yields cannot confuse it; newer ones are simply not its business (they
 * arrive live).
 */
export function scanNewest(
  store: LogStore,
  sealer: Sealer,
  epoch: number,
  request: ScanRequest,
  ticket: ScanTicket,
): Awaitable<ScanOutcome> {
  const outcome: ScanOutcome = {
    matches: [],
    lowestSeen: undefined,
    exhausted: false,
    outOfBudget: false,
  };
  let cursor = request.before;
  let spent = 0;
  let sliceStart = 0;

  /** Handles one chunk; true when the scan is over. */
  const consume = (run: EntryRun): boolean => {
    const reader = new EntryReader(sealer, epoch);
    try {
      for (let index = run.length - 1; index >= 0; index -= 1) {
        outcome.lowestSeen = run.seqAt(index);
        if (
          !request.filter.matchesMeta(
            run.levelAt(index),
            run.serviceAt(index),
            run.timestampAt(index),
          )
        ) {
          continue;
        }
        if (request.visitMeta && !request.filter.needsContent) {
          request.visitMeta(run, index);
          continue;
        }
        const entry = reader.at(run, index);
        if (!request.filter.matchesContent(entry)) continue;
        if (request.visitEntry) {
          request.visitEntry(entry);
          continue;
        }
        if (request.visitMeta) request.visitMeta(run, index);
        else outcome.matches.push(entry);
        if (outcome.matches.length >= request.want) {
          outcome.exhausted = index === 0 && run.length < CHUNK;
          return true;
        }
      }
    } finally {
      reader.wipe();
    }
    cursor = outcome.lowestSeen;
    if (run.length < CHUNK) {
      outcome.exhausted = true;
      return true;
    }
    return false;
  };

  const loop = (): Awaitable<ScanOutcome> => {
    for (;;) {
      const run = store.read(
        { before: cursor, after: request.after, limit: CHUNK, newest: true },
        epoch,
      );
      if (run instanceof Promise) {
        return run.then((chunk) => (consume(chunk) ? finish() : (afterChunk() ?? loop())));
      }
      if (consume(run)) return finish();
      const next = afterChunk();
      if (next !== undefined) return next;
    }
  };

  const startSlice = (): Awaitable<ScanOutcome> => {
    sliceStart = performance.now();
    return loop();
  };

  /** The slice's time goes to this scan's budget and to every scan's share of the loop. */
  const endSlice = (): void => {
    const elapsed = performance.now() - sliceStart;
    spent += elapsed;
    ticket.spent(elapsed);
  };

  const finish = (): ScanOutcome => {
    endSlice();
    return outcome;
  };

  /** Yields or stops when the clock says so; undefined to go on at once. */
  const afterChunk = (): Awaitable<ScanOutcome> | undefined => {
    if (performance.now() - sliceStart < SLICE_MS) return undefined;
    endSlice();
    if (spent >= BUDGET_MS) {
      outcome.outOfBudget = true;
      return outcome;
    }
    return ticket.turn().then(startSlice);
  };

  // Other scans are waiting, a live broadcast is due or scans have had their share: this one
  // queues rather than running its first slice now.
  return ticket.mayRunNow() ? startSlice() : ticket.turn().then(startSlice);
}
