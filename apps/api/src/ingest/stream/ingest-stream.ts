import { HttpException } from '@nestjs/common';
import type { BatchResult, StreamEnd, StreamRecord } from '@redtail/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RetryLaterException } from '../../app/retry-later.exception';
import type { IngestOptions } from '../../logs/log.service';
import type { Awaitable } from '../../logs/ports/awaitable';
import { MALFORMED, RefusedItem } from '../../logs/request-body';
import { NdjsonSplitter, type SplitLine } from './ndjson-splitter';

/** What one connection may use; LOG_STREAM_* settings and LOG_MAX_BODY for a line. */
export interface StreamLimits {
  maxLineBytes: number;
  maxLines: number;
  maxBytes: number;
  idleMs: number;
  lifetimeMs: number;
}

/** The part of the pipeline a stream feeds: entries in, a `BatchResult` by index out. */
export interface StreamPipeline {
  ingestEntries(items: readonly unknown[], options: IngestOptions): Awaitable<BatchResult>;
  readonly lockedDown: boolean;
}

/** Where a stream starts: its first line number, and the last line already done before it. */
export interface StreamStart {
  firstLine: number;
  doneThrough: number;
}

/**
 * Bytes read but not yet stored. Past it the request is paused, so a client faster than the
 * pipeline waits in TCP instead of in this process's heap: 4 MiB is about 20 000 lines of 200
 * bytes, a tenth of a second at the fastest rate measured (docs/benchmarks.md).
 */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
/** After the last record, a client that keeps sending is cut off this much later. */
const LINGER_MS = 5_000;
/**
 * Acknowledgements are gathered for this long and sent as one `ack`: a shipper writing a chunk
 * every millisecond would otherwise get (and wake for) a record after each, and each costs the
 * server a socket write (8 % of its busy time at 10k lines/s in a profile; bench/findings.md).
 * A shipper's window (`redtail-ship`: 20 000 lines) covers far more than this much of a stream.
 */
export const ACK_INTERVAL_MS = 10;

type Outcome = BatchResult | { failure: unknown };

/** The lines of one chunk, sent to the pipeline together. */
interface Group {
  /** Number of the last line the chunk completed. */
  last: number;
  /** `lines[i]` is the number of the i-th item sent to the pipeline. */
  lines: number[];
  bytes: number;
  outcome?: Outcome;
}

const NOTHING: BatchResult = { accepted: 0, rejected: 0, ids: [], errors: [] };

/**
 * One `POST /logs/stream` connection: reads NDJSON lines as they arrive, hands each chunk's lines
 * to the pipeline, and answers with NDJSON records, in line order: `rejected` for each refused
 * line, then `ack` once every line up to a number is done. Reading pauses while too much is
 * pending or while the client is not reading the answers. The stream ends with the body, or
 * with an `error` record (lockdown, panic, idle, limits…) after which the client reconnects and
 * sends again from its last `ack`.
 */
export class IngestStream {
  private readonly splitter: NdjsonSplitter;
  private readonly queue: Group[] = [];
  private nextLine: number;
  private doneThrough: number;
  /** The line the last `ack` written covered. */
  private ackedThrough: number;
  private ackTimer: NodeJS.Timeout | undefined;
  private linesRead = 0;
  private bytesRead = 0;
  private pendingBytes = 0;
  private reading = true;
  private paused = false;
  /** The record to end with once the pending lines are done (`null`: the body ended). */
  private ending: StreamEnd | null | undefined;
  /** The answer is complete, or the connection is gone: nothing more is written. */
  private silent = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private lifetimeTimer: NodeJS.Timeout | undefined;
  private resolveSettled!: () => void;
  /** Resolves once nothing this stream sent is still on its way to the store. */
  readonly settled = new Promise<void>((resolve) => (this.resolveSettled = resolve));

  constructor(
    private readonly request: IncomingMessage,
    private readonly response: ServerResponse,
    private readonly pipeline: StreamPipeline,
    private readonly ingest: IngestOptions,
    private readonly limits: StreamLimits,
    start: StreamStart,
    /** Told every time the lines up to a number are done, even after the client left. */
    private readonly onDone: (line: number) => void,
  ) {
    this.splitter = new NdjsonSplitter(limits.maxLineBytes);
    this.nextLine = start.firstLine;
    this.doneThrough = Math.max(start.firstLine - 1, start.doneThrough);
    this.ackedThrough = start.firstLine - 1;
  }

  begin(): void {
    this.response.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx would otherwise hold acknowledgements back until its buffer fills.
      'X-Accel-Buffering': 'no',
    });
    this.response.flushHeaders();
    this.request.socket.setNoDelay(true);
    // Lines the server stored before a reconnect are acknowledged at once and skipped on arrival.
    if (this.doneThrough >= this.nextLine) this.writeAck();
    this.request.on('data', (chunk: Buffer) => this.read(chunk));
    this.request.on('end', () => this.bodyEnded());
    this.request.on('error', () => this.gone());
    this.response.on('close', () => this.gone());
    this.response.on('drain', () => this.throttle());
    this.idleTimer = setTimeout(() => this.idleFor(this.limits.idleMs), this.limits.idleMs);
    this.lifetimeTimer = setTimeout(
      () => this.finish(lifetime(this.limits.lifetimeMs)),
      this.limits.lifetimeMs,
    );
  }

  /** Stops reading; the lines already read are finished, then `end` is the last record. */
  finish(end: StreamEnd): void {
    if (this.ending !== undefined || this.silent) return;
    this.stopReading();
    this.ending = end;
    this.advance();
  }

  /** Ends now, with `end` as the last record: what is pending will not be acknowledged. */
  abort(end: StreamEnd): void {
    if (this.silent) return;
    this.stopReading();
    this.ending = end;
    this.close();
  }

  /** Silence while the server itself holds the client back (backpressure) is not idleness. */
  private idleFor(ms: number): void {
    if (this.paused) this.idleTimer?.refresh();
    else this.finish(idle(ms));
  }

  private read(chunk: Buffer): void {
    if (!this.reading) return;
    this.bytesRead += chunk.length;
    this.idleTimer?.refresh();
    this.accept(this.splitter.push(chunk), chunk.length);
    if (this.bytesRead >= this.limits.maxBytes) {
      this.finish(limit(`LOG_STREAM_MAX_BYTES (${this.limits.maxBytes})`));
    }
    this.throttle();
  }

  private bodyEnded(): void {
    if (!this.reading) return;
    this.accept(this.splitter.end(), 0);
    this.stopReading();
    this.ending ??= null;
    this.advance();
  }

  /** Numbers the lines of a chunk and sends them to the pipeline as one group. */
  private accept(lines: SplitLine[], bytes: number): void {
    if (lines.length === 0) return;
    const items: unknown[] = [];
    const numbers: number[] = [];
    let overLimit = false;
    for (const line of lines) {
      if (this.linesRead >= this.limits.maxLines) {
        overLimit = true;
        break;
      }
      const number = this.nextLine;
      this.nextLine += 1;
      this.linesRead += 1;
      if (number <= this.doneThrough) continue;
      if ('tooLong' in line) {
        const reason = `line is larger than LOG_MAX_BODY (${this.limits.maxLineBytes} bytes)`;
        items.push(new RefusedItem(reason));
        numbers.push(number);
        continue;
      }
      const text = line.text.trim();
      if (text === '') continue;
      items.push(parseLine(text));
      numbers.push(number);
    }
    const group: Group = { last: this.nextLine - 1, lines: numbers, bytes };
    this.pendingBytes += bytes;
    this.queue.push(group);
    if (items.length === 0) group.outcome = NOTHING;
    else this.submit(group, items);
    // After the group is queued, so its acknowledgement comes before the last record.
    if (overLimit) this.finish(limit(`LOG_STREAM_MAX_LINES (${this.limits.maxLines})`));
    else this.advance();
  }

  private submit(group: Group, items: unknown[]): void {
    let result: Awaitable<BatchResult>;
    try {
      result = this.pipeline.ingestEntries(items, this.ingest);
    } catch (failure) {
      group.outcome = { failure };
      return;
    }
    if (!(result instanceof Promise)) {
      group.outcome = result;
      return;
    }
    result.then(
      (batch) => {
        group.outcome = batch;
        this.advance();
      },
      (failure: unknown) => {
        group.outcome = { failure };
        this.advance();
      },
    );
  }

  /** Answers, in line order, for every group whose outcome is known; ends when all are done. */
  private advance(): void {
    const before = this.doneThrough;
    let failure: { failure: unknown } | undefined;
    while (this.queue.length > 0 && this.queue[0].outcome !== undefined) {
      const group = this.queue.shift() as Group;
      this.pendingBytes -= group.bytes;
      const outcome = group.outcome as Outcome;
      if ('failure' in outcome) {
        failure = outcome;
        break;
      }
      for (const error of outcome.errors) {
        this.write({
          rejected: {
            line: group.lines[error.index],
            ...(error.field ? { field: error.field } : {}),
            reason: error.reason,
          },
        });
      }
      if (group.last > this.doneThrough) this.doneThrough = group.last;
    }
    if (this.doneThrough > before) {
      this.onDone(this.doneThrough);
      this.ackSoon();
    }
    if (failure) {
      // Nothing after a failed group is acknowledged: the client sends it all again.
      this.queue.length = 0;
      this.pendingBytes = 0;
      this.abort(failureEnd(failure.failure, this.pipeline.lockedDown));
    }
    if (this.queue.length === 0 && !this.reading) {
      if (this.ending !== undefined) this.close();
      this.resolveSettled();
    }
    this.throttle();
  }

  /** Pauses the request while too much is pending or the client is not reading the answers. */
  private throttle(): void {
    const over = this.pendingBytes > MAX_PENDING_BYTES || this.response.writableNeedDrain;
    if (over && !this.paused && this.reading) {
      this.paused = true;
      this.request.pause();
    } else if (!over && this.paused && this.reading) {
      this.paused = false;
      this.request.resume();
    }
  }

  /** Sends an `ack` for what is done by `ACK_INTERVAL_MS` from now, with whatever is done by then. */
  private ackSoon(): void {
    if (this.ackTimer || this.silent) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      this.writeAck();
    }, ACK_INTERVAL_MS);
  }

  /** Acknowledges every line done so far, now, unless the last `ack` already did. */
  private writeAck(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (this.doneThrough <= this.ackedThrough) return;
    this.ackedThrough = this.doneThrough;
    this.write({ ack: this.doneThrough });
  }

  private write(record: StreamRecord): void {
    if (this.silent) return;
    this.response.write(`${JSON.stringify(record)}\n`);
  }

  private close(): void {
    if (this.silent) return;
    // What is done is acknowledged before the last record, which says the rest was not stored.
    this.writeAck();
    if (this.ending) this.write(this.ending);
    this.silent = true;
    this.response.end();
    if (!this.request.complete) {
      // The rest of the body is read and discarded, so the client is not blocked writing while
      // it reads the last record; one that keeps sending anyway is cut off a little later.
      this.request.removeAllListeners('data');
      this.request.resume();
      const linger = setTimeout(() => this.request.socket.destroy(), LINGER_MS);
      linger.unref();
      this.request.socket.once('close', () => clearTimeout(linger));
    }
  }

  private stopReading(): void {
    this.reading = false;
    clearTimeout(this.idleTimer);
    clearTimeout(this.lifetimeTimer);
    if (!this.request.complete) this.request.pause();
  }

  /** The connection closed: nothing more is read or written; pending lines still settle. */
  private gone(): void {
    if (this.reading) this.stopReading();
    clearTimeout(this.ackTimer);
    this.silent = true;
    if (this.queue.length === 0) this.resolveSettled();
  }
}

function parseLine(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return MALFORMED;
  }
}

function idle(ms: number): StreamEnd {
  return {
    error: 'idle',
    message: `Nothing arrived for ${ms} ms (LOG_STREAM_IDLE_MS)`,
    retryAfter: 0,
  };
}

function lifetime(ms: number): StreamEnd {
  return {
    error: 'lifetime',
    message: `The connection reached LOG_STREAM_MAX_MS (${ms} ms); open a new one`,
    retryAfter: 0,
  };
}

function limit(what: string): StreamEnd {
  return {
    error: 'limit',
    message: `The connection carried its ${what}; open a new one`,
    retryAfter: 0,
  };
}

/** How a refusal from the pipeline reads as the stream's last record; never its content. */
export function failureEnd(failure: unknown, lockedDown: boolean): StreamEnd {
  const retryAfter = failure instanceof RetryLaterException ? failure.retryAfterSeconds : 1;
  if (lockedDown) return locked(retryAfter);
  const message =
    failure instanceof HttpException ? failure.message : 'The server failed to store these lines';
  return { error: 'unavailable', message, retryAfter };
}

export function locked(retryAfter: number): StreamEnd {
  return {
    error: 'locked',
    message: 'Ingestion is locked down after a panic; an admin must POST /logs/resume',
    retryAfter,
  };
}
