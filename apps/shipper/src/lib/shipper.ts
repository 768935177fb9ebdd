import type { BatchItemError } from '@redtail/contracts';
import type { SendOutcome } from './batch-sender';

export interface ShipperOptions {
  /** At most this many entries per request (the shipper rule Redtail is benchmarked with: 100). */
  maxBatch: number;
  /** At most this many bytes of NDJSON per request, below the server's LOG_MAX_BODY. */
  maxBatchBytes: number;
  /** A batch waits at most this long for more lines. */
  flushMs: number;
  /** Lines held while the server is slow or away; reading stops above this (backpressure). */
  maxQueued: number;
  /** First wait before resending; it doubles per failure up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export interface ShipperReport {
  delivered: number;
  /** Entries the server refused, each with its reason; never retried. */
  rejected: number;
  /** Entries given up on: their batch was refused, or the shipper stopped before sending them. */
  lost: number;
}

/** A queued entry's NDJSON line and its size on the wire (the line and its newline). */
interface QueuedLine {
  text: string;
  bytes: number;
}

/** What reads the input needs from a transport: take lines, push back when full, drain at the end. */
export interface LineShipper {
  readonly accepting: boolean;
  readonly fatalReason: string | undefined;
  readonly failed: Promise<string>;
  whenAccepting(): Promise<void>;
  push(entry: string): void;
  drain(deadlineMs: number): Promise<ShipperReport>;
}

export interface ShipperEvents {
  send(lines: readonly string[]): Promise<SendOutcome>;
  /** Progress and problems for the operator; never log content. */
  notice(message: string): void;
}

/**
 * Batches entries and sends them one request at a time, in order. A batch the server cannot
 * take now is sent again after a growing pause (or the server's Retry-After) until it is
 * delivered; meanwhile new lines queue up to `maxQueued`, past which `accepting` turns false
 * so the reader pauses its input instead of dropping anything.
 */
export class Shipper implements LineShipper {
  private readonly queue: QueuedLine[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  /** Entries in the batch being sent (and resent). */
  private inFlight = 0;
  private stopped = false;
  private fatal: string | undefined;
  private readonly report: ShipperReport = { delivered: 0, rejected: 0, lost: 0 };
  /** Entries per request; halved whenever the server says a batch is too large. */
  private batchLimit: number;
  private readonly waiters: (() => void)[] = [];
  private onFatal: (reason: string) => void = () => undefined;
  /** Resolves with the reason once the server made clear nothing will pass. */
  readonly failed = new Promise<string>((resolve) => (this.onFatal = resolve));

  constructor(
    private readonly options: ShipperOptions,
    private readonly events: ShipperEvents,
  ) {
    this.batchLimit = options.maxBatch;
  }

  /** False while the queue is full: stop reading until `whenAccepting` resolves. */
  get accepting(): boolean {
    return this.queue.length < this.options.maxQueued && this.fatal === undefined;
  }

  /** Set once the server made clear nothing will pass (a wrong key or URL). */
  get fatalReason(): string | undefined {
    return this.fatal;
  }

  whenAccepting(): Promise<void> {
    if (this.accepting || this.fatal !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  push(entry: string): void {
    if (this.fatal !== undefined) {
      this.report.lost += 1;
      return;
    }
    // Measured once here; batching and the byte count reuse it.
    const bytes = Buffer.byteLength(entry) + 1;
    this.queue.push({ text: entry, bytes });
    this.queuedBytes += bytes;
    if (this.batchReady()) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.options.flushMs);
  }

  /**
   * Sends everything queued, waiting for the server as long as `deadlineMs` allows; what is
   * still unsent then counts as lost.
   */
  async drain(deadlineMs: number): Promise<ShipperReport> {
    const deadline = Date.now() + deadlineMs;
    this.kick();
    while ((this.queue.length > 0 || this.sending) && this.fatal === undefined) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await Promise.race([this.sending ?? this.kickNow(), sleep(Math.min(left, 100))]);
    }
    this.stopped = true;
    clearTimeout(this.timer);
    // A batch still waiting to be resent is given up with the rest; its loop counts nothing more.
    this.report.lost += this.queue.length + this.inFlight;
    this.inFlight = 0;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.release();
    return { ...this.report };
  }

  private kickNow(): Promise<void> {
    this.kick();
    return this.sending ?? Promise.resolve();
  }

  private batchReady(): boolean {
    return this.queue.length >= this.batchLimit || this.queuedBytes >= this.options.maxBatchBytes;
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending || this.queue.length === 0 || this.stopped) return;
    this.sending = this.sendLoop().finally(() => {
      this.sending = undefined;
      if (this.queue.length > 0 && !this.stopped) {
        if (this.batchReady()) this.kick();
        else this.timer ??= setTimeout(() => this.kick(), this.options.flushMs);
      }
    });
  }

  /** Sends the next batch until it is delivered or refused; one request in flight at a time. */
  private async sendLoop(): Promise<void> {
    const batch = this.takeBatch();
    this.inFlight = batch.length;
    let backoff = this.options.backoffMs;
    let failures = 0;
    for (;;) {
      const outcome = await this.events.send(batch.map((line) => line.text));
      if (this.stopped && this.inFlight === 0) return;
      this.inFlight = 0;
      if (outcome.kind === 'delivered') {
        this.delivered(batch.length, outcome.accepted, outcome.errors);
        if (failures > 0) this.events.notice(`delivering again after ${failures} failed attempts`);
        break;
      }
      if (outcome.kind === 'refused' && outcome.tooLarge && batch.length > 1) {
        this.shrink(batch);
        continue;
      }
      if (outcome.kind === 'refused') {
        this.report.lost += batch.length;
        this.events.notice(`a batch of ${batch.length} entries was refused: ${outcome.reason}`);
        break;
      }
      if (outcome.kind === 'fatal') {
        this.fatal = outcome.reason;
        this.report.lost += batch.length + this.queue.length;
        this.queue.length = 0;
        this.queuedBytes = 0;
        this.onFatal(outcome.reason);
        break;
      }
      failures += 1;
      const wait = outcome.afterMs ?? backoff;
      if (failures === 1 || failures % 10 === 0) {
        this.events.notice(`cannot deliver (${outcome.reason}); retrying in ${wait} ms`);
      }
      if (this.stopped) {
        this.report.lost += batch.length;
        break;
      }
      this.inFlight = batch.length;
      await sleep(wait);
      if (this.stopped) return;
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
    }
    this.release();
  }

  /**
   * The server's LOG_MAX_BATCH or LOG_MAX_BODY is below ours: keep the first half of `batch` to
   * send again now, put the rest back at the head of the queue, and send smaller batches from now.
   */
  private shrink(batch: QueuedLine[]): void {
    const keep = Math.ceil(batch.length / 2);
    const back = batch.splice(keep);
    this.queue.unshift(...back);
    for (const line of back) this.queuedBytes += line.bytes;
    this.inFlight = batch.length;
    if (keep < this.batchLimit) {
      this.batchLimit = keep;
      this.events.notice(`the server finds batches too large; sending ${keep} entries at a time`);
    }
  }

  private takeBatch(): QueuedLine[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && count < this.batchLimit) {
      const size = this.queue[count].bytes;
      // A single oversized line still goes alone: the server says whether it fits.
      if (count > 0 && bytes + size > this.options.maxBatchBytes) break;
      bytes += size;
      count += 1;
    }
    this.queuedBytes -= bytes;
    return this.queue.splice(0, count);
  }

  private delivered(sent: number, accepted: number, errors: BatchItemError[]): void {
    this.report.delivered += accepted;
    this.report.rejected += sent - accepted;
    for (const error of errors) {
      const field = error.field ? `${error.field}: ` : '';
      this.events.notice(
        `entry ${error.index + 1} of a batch was rejected: ${field}${error.reason}`,
      );
    }
  }

  private release(): void {
    if (!this.accepting && this.fatal === undefined) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
