import {
  STREAM_ID_HEADER,
  STREAM_START_HEADER,
  type StreamEnd,
  type StreamRecord,
} from '@redtail/contracts';
import { randomUUID } from 'node:crypto';
import { type ClientRequest, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { redtailUrl, refusalReason, retryAfterMs, type SenderOptions } from './batch-sender';
import { RecordReader } from './record-reader';
import type { LineShipper, ShipperReport } from './shipper';

export interface StreamShipperOptions extends SenderOptions {
  /** Lines held (unacknowledged or unsent); reading stops above this. */
  maxQueued: number;
  /** Lines sent but not yet acknowledged, at most: the rest wait until acks free room. */
  maxUnacked: number;
  backoffMs: number;
  maxBackoffMs: number;
}

export interface StreamShipperEvents {
  /** Progress and problems for the operator; never log content. */
  notice(message: string): void;
  /**
   * The server has no `POST /logs/stream` (an older Redtail): the lines not yet acknowledged,
   * in order, go to a batch shipper, which takes every line from then on.
   */
  fallBack(unacked: readonly string[]): LineShipper;
}

/** Statuses that mean the route is missing, not that the key is wrong: an older server. */
const NO_STREAM_ROUTE = new Set([404, 405]);
const FATAL = new Set([400, 401, 403, 411, 413, 415]);

/**
 * Ships lines over one long `POST /logs/stream`: each line is written as it is pushed, numbered
 * by its place in the stream, and dropped once an `ack` covers it. At most `maxUnacked` lines
 * are unacknowledged. When the connection ends for any reason, a new one resumes at the first
 * unacknowledged line, under the same stream id, so the server skips what it already stored:
 * nothing is lost, nothing is stored twice, and order is kept.
 */
export class StreamShipper implements LineShipper {
  private readonly streamId = randomUUID();
  /** Unacknowledged lines; `window[0]` is line `base`. */
  private readonly window: string[] = [];
  private base = 1;
  /** Highest line number written on the current connection. */
  private sentThrough = 0;
  private connection: ClientRequest | undefined;
  private writable = false;
  /** The current connection's body is complete: the input ended and every line is written. */
  private bodyEnded = false;
  /** When the server last said anything, or when lines began to wait for an ack. */
  private heardAt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Unacknowledged lines the server rejected: counted once, even if a resend is rejected again. */
  private readonly rejectedLines = new Set<number>();
  private inputEnded = false;
  private stopped = false;
  private lockNoticed = false;
  private fatal: string | undefined;
  private fallback: LineShipper | undefined;
  private readonly report: ShipperReport = { delivered: 0, rejected: 0, lost: 0 };
  private readonly waiters: (() => void)[] = [];
  private onFatal: (reason: string) => void = () => undefined;
  private onSettled: (() => void) | undefined;
  readonly failed: Promise<string>;

  constructor(
    private readonly options: StreamShipperOptions,
    private readonly events: StreamShipperEvents,
  ) {
    this.failed = new Promise<string>((resolve) => (this.onFatal = resolve));
  }

  get accepting(): boolean {
    if (this.fallback) return this.fallback.accepting;
    return this.window.length < this.options.maxQueued && this.fatal === undefined;
  }

  get fatalReason(): string | undefined {
    return this.fallback ? this.fallback.fatalReason : this.fatal;
  }

  whenAccepting(): Promise<void> {
    if (this.fallback) return this.fallback.whenAccepting();
    if (this.accepting || this.fatal !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  push(entry: string): void {
    if (this.fallback) return this.fallback.push(entry);
    if (this.fatal !== undefined) {
      this.report.lost += 1;
      return;
    }
    this.window.push(entry);
    if (this.connection) this.pump();
    else if (!this.retryTimer) this.connect();
  }

  async drain(deadlineMs: number): Promise<ShipperReport> {
    const deadline = Date.now() + deadlineMs;
    this.inputEnded = true;
    if (!this.fallback && this.window.length > 0 && this.fatal === undefined) {
      if (this.connection) this.pump();
      else if (!this.retryTimer) this.connect();
      await new Promise<void>((resolve) => {
        this.onSettled = resolve;
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        timer.unref();
      });
    }
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.connection?.destroy();
    if (this.fallback) {
      const rest = await this.fallback.drain(Math.max(0, deadline - Date.now()));
      return {
        delivered: this.report.delivered + rest.delivered,
        rejected: this.report.rejected + rest.rejected,
        lost: this.report.lost + rest.lost,
      };
    }
    this.report.lost += this.window.length;
    this.window.length = 0;
    this.release();
    return { ...this.report };
  }

  private connect(): void {
    if (this.stopped || this.fatal !== undefined || this.fallback) return;
    this.retryTimer = undefined;
    const url = new URL(redtailUrl(this.options.url, 'logs/stream'));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const connection = send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        [STREAM_ID_HEADER]: this.streamId,
        [STREAM_START_HEADER]: String(this.base),
        ...(this.options.key ? { authorization: `Bearer ${this.options.key}` } : {}),
      },
    });
    this.connection = connection;
    this.writable = true;
    this.sentThrough = this.base - 1;
    this.bodyEnded = false;
    let ended: StreamEnd | undefined;
    let answer: 'none' | 'streaming' | 'refused' = 'none';
    // A server that went away without closing the connection (a crash, a lost route) never
    // answers: with lines waiting for an ack and nothing heard for --timeout, start over.
    this.heardAt = Date.now();
    const watchdog = setInterval(() => {
      const waiting = this.sentThrough >= this.base;
      if (waiting && Date.now() - this.heardAt > this.options.timeoutMs) connection.destroy();
    }, 1_000);
    watchdog.unref();
    const finished = (reason: string) => {
      clearInterval(watchdog);
      // A refusal is settled once its body is read (`refused`).
      if (this.connection !== connection || answer === 'refused') return;
      this.connection = undefined;
      this.writable = false;
      connection.destroy();
      if (this.fallback || this.fatal !== undefined) return;
      if (answer === 'none') this.retry(undefined, reason);
      else this.reconnect(ended, reason);
    };
    connection.on('response', (response: IncomingMessage) => {
      this.heardAt = Date.now();
      if (response.statusCode !== 200) {
        answer = 'refused';
        this.refused(connection, response);
        return;
      }
      answer = 'streaming';
      if (this.failures > 0)
        this.events.notice(`streaming again after ${this.failures} failed attempts`);
      this.failures = 0;
      const reader = new RecordReader();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        this.heardAt = Date.now();
        for (const record of reader.push(chunk)) {
          if ('error' in record) ended = record;
          else this.record(record);
        }
      });
      response.on('end', () => finished(ended?.message ?? 'the server ended the stream'));
      response.on('error', () => finished('the connection was cut'));
    });
    connection.on('error', (error: Error & { code?: string }) =>
      finished(answer === 'none' ? (error.code ?? error.message) : 'the connection was cut'),
    );
    connection.on('close', () => finished('the connection was cut'));
    connection.on('drain', () => {
      this.writable = true;
      this.pump();
    });
    connection.flushHeaders();
    this.pump();
  }

  /** Writes what the window allows: lines after `sentThrough`, up to `maxUnacked` past the last ack. */
  private pump(): void {
    const connection = this.connection;
    if (!connection || !this.writable || this.bodyEnded) return;
    // An ack may run ahead of what this connection sent (the server had those lines already):
    // empty lines keep the numbering, as each line counts one.
    if (this.sentThrough < this.base - 1) {
      this.writable = connection.write('\n'.repeat(this.base - 1 - this.sentThrough));
      this.sentThrough = this.base - 1;
    }
    const last = Math.min(
      this.base - 1 + this.window.length,
      this.base - 1 + this.options.maxUnacked,
    );
    if (this.sentThrough < last && this.writable) {
      // Until now nothing waited for an ack: the server's silence so far was not a failure.
      if (this.sentThrough < this.base) this.heardAt = Date.now();
      const from = this.sentThrough - this.base + 1;
      const to = last - this.base + 1;
      this.writable = connection.write(`${this.window.slice(from, to).join('\n')}\n`);
      this.sentThrough = last;
    }
    if (
      this.inputEnded &&
      !this.bodyEnded &&
      this.sentThrough === this.base - 1 + this.window.length
    ) {
      this.bodyEnded = true;
      connection.end();
    }
  }

  private record(record: StreamRecord): void {
    if ('rejected' in record) {
      const { line, field, reason } = record.rejected;
      if (line < this.base || this.rejectedLines.has(line)) return;
      this.rejectedLines.add(line);
      this.report.rejected += 1;
      this.events.notice(
        `entry ${line} of the stream was rejected: ${field ? `${field}: ` : ''}${reason}`,
      );
      return;
    }
    if (!('ack' in record) || record.ack < this.base) return;
    const count = Math.min(record.ack - this.base + 1, this.window.length);
    this.window.splice(0, count);
    this.base += count;
    let rejected = 0;
    for (const line of this.rejectedLines) {
      if (line >= this.base) continue;
      rejected += 1;
      this.rejectedLines.delete(line);
    }
    this.report.delivered += count - rejected;
    this.lockNoticed = false;
    this.release();
    this.pump();
    if (this.window.length === 0 && this.inputEnded) this.onSettled?.();
  }

  /** The server ended the stream or the connection dropped: resume from the first unacked line. */
  private reconnect(ended: StreamEnd | undefined, reason: string): void {
    if (this.window.length === 0) {
      // Nothing to resend: the next line opens a new stream.
      if (this.inputEnded) this.onSettled?.();
      return;
    }
    if (ended && ['idle', 'limit', 'lifetime', 'replaced'].includes(ended.error)) {
      this.connect();
      return;
    }
    if (ended?.error === 'locked') {
      if (!this.lockNoticed)
        this.events.notice(`${ended.message}; retrying every ${ended.retryAfter} s`);
      this.lockNoticed = true;
    }
    this.retry(ended ? ended.retryAfter * 1_000 : undefined, reason, ended?.error === 'locked');
  }

  private retry(afterMs: number | undefined, reason: string, quiet = false): void {
    if (this.stopped) return;
    this.failures += 1;
    const wait =
      afterMs ??
      Math.min(this.options.backoffMs * 2 ** (this.failures - 1), this.options.maxBackoffMs);
    if (!quiet && (this.failures === 1 || this.failures % 10 === 0)) {
      this.events.notice(`cannot stream (${reason}); retrying in ${wait} ms`);
    }
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }

  /** A status other than 200: an older server, a refused key, or a server busy or locked down. */
  private refused(connection: ClientRequest, response: IncomingMessage): void {
    const status = response.statusCode ?? 0;
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk.slice(0, 4096)));
    response.on('end', () => {
      if (this.connection !== connection) return;
      this.connection = undefined;
      this.writable = false;
      connection.destroy();
      if (NO_STREAM_ROUTE.has(status)) {
        this.events.notice(
          `this Redtail has no POST /logs/stream (HTTP ${status}); sending batches to /logs/batch`,
        );
        this.fallback = this.events.fallBack(this.window.splice(0));
        void this.fallback.failed.then((reason) => this.onFatal(reason));
        this.release();
        this.onSettled?.();
        return;
      }
      const reason = refusalReason(status, text, this.options.key);
      if (FATAL.has(status)) {
        this.fatal = reason;
        this.report.lost += this.window.length;
        this.window.length = 0;
        this.onFatal(reason);
        this.release();
        this.onSettled?.();
        return;
      }
      this.retry(retryAfterMs(response.headers['retry-after'] ?? null), reason);
    });
  }

  private release(): void {
    if (!this.accepting && this.fatal === undefined && !this.fallback) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
