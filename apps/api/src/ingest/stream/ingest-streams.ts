import { Injectable } from '@nestjs/common';
import type { StreamEnd } from '@redtail/contracts';
import type { Request, Response } from 'express';
import { Env } from '../../app/env';
import { Readiness } from '../../health/readiness';
import {
  LOCKDOWN_RETRY_AFTER_SECONDS,
  LogService,
  RETRY_AFTER_SECONDS,
} from '../../logs/log.service';
import { type EpochChange, type EpochListener, Sealer } from '../../logs/ports/sealer';
import { IngestStream, locked, type StreamLimits } from './ingest-stream';
import { StreamCursors } from './stream-cursors';

/** A reconnecting shipper is back within seconds; ten minutes covers a restart of the server's proxy. */
const CURSOR_TTL_MS = 10 * 60 * 1000;
/** Streams remembered at once: far more shippers than one node serves, at ~100 bytes each. */
const CURSOR_CAPACITY = 10_000;

export interface StreamRequest {
  request: Request;
  response: Response;
  /** Whose stream: a stream id is only resumed by the key that opened it. */
  actor: string;
  streamId: string | undefined;
  firstLine: number;
  forcedService: string | undefined;
}

/**
 * The open `POST /logs/stream` connections and where each stream id stopped. A panic ends every
 * open stream at once (with `locked` when it locked ingestion down), and so does the start of a
 * shutdown (`shutdown`, after the lines already read are stored), so no stream outlives either.
 */
@Injectable()
export class IngestStreams implements EpochListener {
  private readonly open = new Set<IngestStream>();
  private readonly byStream = new Map<string, IngestStream>();
  private readonly cursors = new StreamCursors(CURSOR_TTL_MS, CURSOR_CAPACITY);
  private readonly limits: StreamLimits;

  constructor(
    private readonly pipeline: LogService,
    sealer: Sealer,
    readiness: Readiness,
    env: Env,
  ) {
    this.limits = {
      maxLineBytes: env.LOG_MAX_BODY,
      maxLines: env.LOG_STREAM_MAX_LINES,
      maxBytes: env.LOG_STREAM_MAX_BYTES,
      idleMs: env.LOG_STREAM_IDLE_MS,
      lifetimeMs: env.LOG_STREAM_MAX_MS,
    };
    sealer.listen(this);
    readiness.onClosing(() => this.finishAll(SHUTDOWN));
  }

  get openCount(): number {
    return this.open.size;
  }

  /**
   * Starts answering the stream. A connection that resumes a stream id still open elsewhere
   * (the old one not yet noticed gone) replaces it, once the old one's lines are settled, so
   * the resume point is exact.
   */
  async start(stream: StreamRequest): Promise<void> {
    const key = stream.streamId === undefined ? undefined : `${stream.actor}\n${stream.streamId}`;
    const previous = key === undefined ? undefined : this.byStream.get(key);
    if (previous) {
      previous.finish(REPLACED);
      await previous.settled;
    }
    // A lockdown may have begun while the previous connection settled.
    this.pipeline.assertOpen();
    const doneThrough = key === undefined ? 0 : this.cursors.doneThrough(key);
    const session = new IngestStream(
      stream.request,
      stream.response,
      this.pipeline,
      { door: 'stream', forcedService: stream.forcedService },
      this.limits,
      { firstLine: stream.firstLine, doneThrough },
      (line) => {
        if (key !== undefined) this.cursors.record(key, line);
      },
    );
    this.open.add(session);
    if (key !== undefined) this.byStream.set(key, session);
    void session.settled.then(() => {
      this.open.delete(session);
      if (key !== undefined && this.byStream.get(key) === session) this.byStream.delete(key);
    });
    session.begin();
  }

  epochChanged(change: EpochChange): void {
    const end: StreamEnd = change.lockdown ? locked(LOCKDOWN_RETRY_AFTER_SECONDS) : PANIC;
    for (const session of this.open) session.abort(end);
  }

  resumed(): void {
    // Streams ended at the lockdown; their shippers come back on their own.
  }

  private finishAll(end: StreamEnd): void {
    for (const session of this.open) session.finish(end);
  }
}

const PANIC: StreamEnd = {
  error: 'panic',
  message: 'A panic wiped the store; send again the lines after the last ack',
  retryAfter: RETRY_AFTER_SECONDS,
};

const REPLACED: StreamEnd = {
  error: 'replaced',
  message: 'A newer connection resumed this stream id',
  retryAfter: 0,
};

const SHUTDOWN: StreamEnd = {
  error: 'shutdown',
  message: 'This server is shutting down; reconnect (to another node, if there is one)',
  retryAfter: RETRY_AFTER_SECONDS,
};
