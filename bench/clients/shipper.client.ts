import { closeSync, openSync, writeSync } from 'node:fs';
import { Agent, type ClientRequest, request } from 'node:http';
import { reportProgress, serveCommands } from '../support/client-host';
import { readNdjsonRecords } from '../support/ndjson-records';
import { benchEntry, frontailLine, now, type PiiShare, redtailLine } from '@redtail/testing';

export interface ShipperSpec {
  /** `redtail-stream`: one `POST /logs/stream` per run instead of batches to /logs/batch. */
  kind: 'redtail' | 'redtail-stream' | 'frontail';
  /** Personal data in one line in twenty (the default) or in every line. */
  pii?: PiiShare;
  /** Redtail base URL. */
  url?: string;
  /** Redtail ingest key. */
  token?: string;
  /** Frontail: the file it tails. */
  file?: string;
  /** Redtail: entries per NDJSON batch at most (a shipper's batch size). */
  batchMax: number;
  /** Redtail: a partial batch leaves after this long at most. */
  flushMs: number;
  /** Redtail: concurrent requests; further batches wait in the shipper, as in a real one. */
  maxInFlight: number;
}

export interface ShipRun {
  run: string;
  rate: number;
  seconds: number;
  /** How long to keep sending the backlog after the offered period. */
  drainMs: number;
}

export interface ShipResult {
  generated: number;
  accepted: number;
  rejected: number;
  failedRequests: number;
  /** Requests resent after a transport error (never after an HTTP answer). */
  retriedRequests: number;
  /** Why the last failed request failed, for the progress log. */
  lastError?: string;
  maxBacklog: number;
  startedAt: number;
  endedAt: number;
}

/** Resends after a transport error before a batch counts as rejected. */
const TRANSPORT_RETRIES = 2;

let spec: ShipperSpec;
let agent: Agent | undefined;
let fd: number | undefined;

function configure(next: ShipperSpec): void {
  spec = next;
  agent?.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: next.maxInFlight });
  if (fd !== undefined) closeSync(fd);
  fd = next.file ? openSync(next.file, 'a') : undefined;
}

function post(path: string, body: string): Promise<{ status: number; text: string }> {
  const target = new URL(path, spec.url);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-ndjson',
          'content-length': Buffer.byteLength(body),
          ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Produces `rate` entries per second for `seconds`, stamping each with the
 * time it was produced; to Redtail as a shipper would (NDJSON batches of at
 * most `batchMax`, flushed after `flushMs`), to frontail by appending to the
 * file it tails. Bounded in time: the backlog gets `drainMs`, then we stop.
 */
async function ship(job: ShipRun): Promise<ShipResult> {
  const result: ShipResult = {
    generated: 0,
    accepted: 0,
    rejected: 0,
    failedRequests: 0,
    retriedRequests: 0,
    maxBacklog: 0,
    startedAt: now(),
    endedAt: 0,
  };
  const queue: { body: string; count: number; attempts: number }[] = [];
  let inFlight = 0;
  let batch: string[] = [];
  let batchStartedAt = 0;

  const pump = () => {
    while (inFlight < spec.maxInFlight && queue.length > 0) {
      const next = queue.shift();
      if (!next) break;
      inFlight++;
      post('/logs/batch', next.body)
        .then(({ status, text }) => {
          if (status >= 200 && status < 300) {
            const body = JSON.parse(text) as { accepted: number; rejected: number };
            result.accepted += body.accepted;
            result.rejected += body.rejected;
          } else {
            result.failedRequests++;
            result.rejected += next.count;
            result.lastError = `HTTP ${status}`;
          }
        })
        .catch((error: NodeJS.ErrnoException) => {
          // A keep-alive socket the server closed while idle fails on reuse before the
          // server read anything; shippers resend those, so a transport error is retried.
          if (next.attempts < TRANSPORT_RETRIES) {
            queue.unshift({ ...next, attempts: next.attempts + 1 });
            result.retriedRequests++;
            return;
          }
          result.failedRequests++;
          result.rejected += next.count;
          result.lastError = error.code ?? error.message;
        })
        .finally(() => {
          inFlight--;
          pump();
        });
    }
    const backlog = queue.reduce((sum, item) => sum + item.count, 0);
    if (backlog > result.maxBacklog) result.maxBacklog = backlog;
  };
  const stream = spec.kind === 'redtail-stream' ? openStream(job.run, result) : undefined;
  const flush = () => {
    if (batch.length === 0) return;
    const body = `${batch.join('\n')}\n`;
    if (stream) stream.send(body, batch.length);
    else queue.push({ body, count: batch.length, attempts: 0 });
    batch = [];
    pump();
  };

  let fileLines: string[] = [];
  const appendToFile = () => {
    if (fileLines.length > 0 && fd !== undefined) writeSync(fd, `${fileLines.join('\n')}\n`);
    result.accepted += fileLines.length;
    fileLines = [];
  };

  const start = performance.now();
  const stopAt = start + job.seconds * 1000;
  const progressTimer = setInterval(
    () => reportProgress({ generated: result.generated, accepted: result.accepted, inFlight }),
    1000,
  );
  try {
    while (performance.now() < stopAt) {
      const owed = Math.floor(((performance.now() - start) / 1000) * job.rate) - result.generated;
      if (spec.kind === 'frontail') {
        // Appended on the cadence Redtail's batches leave at (at most `batchMax` lines, or after
        // `flushMs`), so both systems see the same arrival pattern.
        for (let i = 0; i < owed; i++) {
          const id = result.generated++;
          if (fileLines.length === 0) batchStartedAt = performance.now();
          fileLines.push(frontailLine(id, { run: job.run, id, sentAt: now() }, spec.pii));
          if (fileLines.length >= spec.batchMax) appendToFile();
        }
        if (fileLines.length > 0 && performance.now() - batchStartedAt >= spec.flushMs) {
          appendToFile();
        }
      } else {
        for (let i = 0; i < owed; i++) {
          const id = result.generated++;
          if (batch.length === 0) batchStartedAt = performance.now();
          batch.push(redtailLine(id, { run: job.run, id, sentAt: now() }, spec.pii));
          if (batch.length >= spec.batchMax) flush();
        }
        if (batch.length > 0 && performance.now() - batchStartedAt >= spec.flushMs) flush();
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    flush();
    appendToFile();
    const drainUntil = performance.now() + job.drainMs;
    if (stream) await stream.end(job.drainMs);
    while ((queue.length > 0 || inFlight > 0) && performance.now() < drainUntil) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const abandoned = queue.splice(0).reduce((sum, item) => sum + item.count, 0);
    result.rejected += abandoned;
  } finally {
    clearInterval(progressTimer);
  }
  result.endedAt = now();
  return result;
}

/**
 * One `POST /logs/stream` for a whole run: each flushed batch is written as one chunk the moment
 * it is produced; `accepted` follows the server's acks (less its rejections). Lines not acked
 * when the run ends count as rejected. The stream is never cut here, so it needs no resume.
 */
function openStream(run: string, result: ShipResult) {
  const target = new URL('/logs/stream', spec.url);
  let sent = 0;
  let acked = 0;
  let refused = 0;
  let settle: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (settle = resolve));
  const outgoing: ClientRequest = request(target, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/x-ndjson',
      'x-redtail-stream-id': `bench-${run}`,
      ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}),
    },
  });
  outgoing.on('response', (response) => {
    if (response.statusCode !== 200) {
      result.failedRequests++;
      result.lastError = `HTTP ${response.statusCode}`;
    }
    readNdjsonRecords<{ ack?: number; rejected?: unknown; error?: string }>(response, (record) => {
      if (record.ack !== undefined) acked = record.ack;
      if (record.rejected !== undefined) refused++;
      if (record.error !== undefined) result.lastError = record.error;
      result.accepted = acked - refused;
    });
    response.on('end', settle);
  });
  outgoing.on('error', (error: NodeJS.ErrnoException) => {
    result.failedRequests++;
    result.lastError = error.code ?? error.message;
    settle();
  });
  outgoing.flushHeaders();
  return {
    send(body: string, count: number) {
      sent += count;
      outgoing.write(body);
    },
    async end(drainMs: number) {
      outgoing.end();
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, drainMs))]);
      outgoing.destroy();
      result.rejected += sent - acked + refused;
    },
  };
}

/**
 * Stores `count` distinct entries as fast as the server takes them, in
 * batches of `batchSize` with `concurrency` requests in flight: the memory
 * scenario's loader. Returns the payload bytes sent, the denominator of
 * bytes-per-entry.
 */
async function fill(job: {
  from: number;
  count: number;
  batchSize: number;
  concurrency: number;
  capMs: number;
}): Promise<{ accepted: number; rejected: number; payloadBytes: number; seconds: number }> {
  let next = job.from;
  const end = job.from + job.count;
  let accepted = 0;
  let rejected = 0;
  let payloadBytes = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < end && performance.now() - started < job.capMs) {
      const lines: string[] = [];
      for (let i = 0; i < job.batchSize && next < end; i++) {
        const line = JSON.stringify(benchEntry(next++));
        payloadBytes += Buffer.byteLength(line);
        lines.push(line);
      }
      const { status, text } = await post('/logs/batch', `${lines.join('\n')}\n`);
      if (status >= 200 && status < 300) {
        const body = JSON.parse(text) as { accepted: number; rejected: number };
        accepted += body.accepted;
        rejected += body.rejected;
      } else {
        rejected += lines.length;
      }
      reportProgress({ accepted, total: job.count });
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  return { accepted, rejected, payloadBytes, seconds: (performance.now() - started) / 1000 };
}

serveCommands({ configure, ship, fill });
