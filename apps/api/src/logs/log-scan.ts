import type { CompiledLogFilter, LogEntry } from '@redtail/contracts';
import { EntryReader } from './entry-reader';
import type { Awaitable } from './ports/awaitable';
import type { EntryRun, LogStore } from './ports/log-store';
import type { Sealer } from './ports/sealer';
import { SCAN_TURNS, ScanTurns } from './scan-turns';

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
 * no other scan is running; past a few milliseconds it yields to the event loop between chunks
 * (one scan's slice per turn of the loop, see ScanTurns), and past its budget it stops with what
 * it has. Every chunk is read afresh by seq, so entries evicted or added while it
 * yields cannot confuse it; newer ones are simply not its business (they arrive live).
 */
export function scanNewest(
  store: LogStore,
  sealer: Sealer,
  epoch: number,
  request: ScanRequest,
  turns: ScanTurns = SCAN_TURNS,
): Awaitable<ScanOutcome> {
  const outcome: ScanOutcome = {
    matches: [],
    lowestSeen: undefined,
    exhausted: false,
    outOfBudget: false,
  };
  let cursor = request.before;
  let spent = 0;
  let sliceStart = performance.now();

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
        return run.then((chunk) => (consume(chunk) ? outcome : (afterChunk() ?? loop())));
      }
      if (consume(run)) return outcome;
      const next = afterChunk();
      if (next !== undefined) return next;
    }
  };

  /** Yields or stops when the clock says so; undefined to go on at once. */
  const afterChunk = (): Awaitable<ScanOutcome> | undefined => {
    const now = performance.now();
    if (now - sliceStart < SLICE_MS) return undefined;
    spent += now - sliceStart;
    if (spent >= BUDGET_MS) {
      outcome.outOfBudget = true;
      return outcome;
    }
    return turns.next().then(() => {
      sliceStart = performance.now();
      return loop();
    });
  };

  // Other scans are taking turns: this one queues behind them rather than adding its first
  // slice to the turn that is already running.
  if (turns.busy) {
    return turns.next().then(() => {
      sliceStart = performance.now();
      return loop();
    });
  }
  return loop();
}
