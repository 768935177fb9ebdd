import { type INestApplication, Logger } from '@nestjs/common';
import {
  type ClientToServerEvents,
  LOGS_NAMESPACE,
  type ServerToClientEvents,
  type StreamRecord,
} from '@redtail/contracts';
import {
  Agent,
  type ClientRequest,
  type IncomingMessage,
  request,
  type Server as HttpServer,
} from 'node:http';
import { type AddressInfo, createServer, type Server, type Socket as NetSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';

import { ApiKeyService } from '../auth/api-key.service';
import { LogService } from '../logs/log.service';
import { madeUpBatch } from '../logs/made-up-traffic';
import type { Env } from './env';

/** Lines per stream write and per batch request: what shippers send per write under load. */
const CHUNK = 100;
/**
 * The warm-up gives up after this long (a slow or busy machine). With the pipeline warm-up's
 * 1.5 s at most before it, start-up stays within a few seconds even then; on an idle 2-core
 * machine both together take about half a second.
 */
const BUDGET_MS = 1_000;
const KEY_NAME = 'start-up warm-up';

export interface ServingWarmupReport {
  /** Lines the server acknowledged over `POST /logs/stream` and `POST /logs/batch`. */
  sent: number;
  /** Lines the warm-up's viewer received over the live socket. */
  seen: number;
  /** Entries wiped from the store afterwards. */
  forgotten: number;
  ms: number;
}

/**
 * Sends made-up traffic through the server's real doors before it listens: `POST /logs/stream`,
 * `POST /logs/batch` and a subscribed Socket.IO viewer, over a loopback-only listener on an
 * ephemeral port that hands its connections to the application's own HTTP server. The pipeline
 * warm-up (logs/pipeline-warmup.ts) warms the per-entry code; only real requests warm Node's HTTP
 * parser, Express, Nest's guards and interceptors, the stream door's splitter and acks, and
 * Socket.IO's broadcast and websocket writes, which otherwise run cold in the first seconds under
 * load (the cold-start stall in docs/benchmarks.md).
 *
 * Nothing remains: the keys it used are revoked, its connections are closed, and the store and
 * counters are wiped (`LogService.forgetAll`) before anyone else can connect. Audit records only
 * refusals, which a valid temporary key does not cause. Single node only: in a cluster the store
 * and counters are shared with nodes that are already serving.
 */
export async function warmServing(
  app: INestApplication,
  env: Env,
  budgetMs = BUDGET_MS,
): Promise<ServingWarmupReport | undefined> {
  const lines = env.REDTAIL_WARMUP_LINES;
  if (lines === 0 || env.REDIS_URL !== undefined) return undefined;
  await app.init();
  const logger = new Logger('Warm-up');
  const started = performance.now();
  const deadline = started + budgetMs;
  const keys = app.get(ApiKeyService);
  const ingestKey = keys.issueTemporaryKey(KEY_NAME, 'ingest');
  const viewerKey = keys.issueTemporaryKey(KEY_NAME, 'viewer');
  let relay: LoopbackRelay;
  try {
    relay = await LoopbackRelay.open(app.getHttpServer() as HttpServer);
  } catch (error) {
    // No loopback listener (an IPv6-only sandbox, say): serve cold rather than not at all.
    ingestKey.revoke();
    viewerKey.revoke();
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(`skipped: no loopback listener for the made-up traffic (${reason})`);
    return undefined;
  }
  const base = `${relay.url}${env.REDTAIL_BASE_PATH}`;
  let sent = 0;
  let seen = 0;
  let stoppedBy = '';
  let viewer: WarmupViewer | undefined;
  try {
    viewer = await WarmupViewer.connect(
      relay.url,
      env.REDTAIL_BASE_PATH,
      viewerKey.secret,
      deadline,
    );
    const streamed = Math.ceil(lines / 2);
    sent += await streamLines(base, ingestKey.secret, streamed, deadline);
    sent += await postBatches(base, ingestKey.secret, lines - streamed, deadline);
    seen = await viewer.seen(sent, deadline);
  } catch (error) {
    // Start anyway: a warm-up that did not finish only costs speed in the first seconds, and on a
    // slow or busy machine running out of time is expected, so it is no warning.
    stoppedBy = ` (stopped early: ${error instanceof Error ? error.message : String(error)})`;
  } finally {
    viewer?.close();
    await relay.close();
    ingestKey.revoke();
    viewerKey.revoke();
  }
  const forgotten = await app.get(LogService).forgetAll();
  const ms = Math.round(performance.now() - started);
  logger.log(
    `sent ${sent} made-up lines through the stream and batch doors to a live viewer in ${ms} ms${stoppedBy}`,
  );
  return { sent, seen, forgotten, ms };
}

/**
 * A listener on 127.0.0.1 and a port the system picks, whose connections the application's HTTP
 * server serves as if it had accepted them itself (Socket.IO's upgrade included). Closing it
 * ends every connection it handed over.
 */
export class LoopbackRelay {
  private readonly sockets = new Set<NetSocket>();

  private constructor(
    private readonly listener: Server,
    readonly url: string,
  ) {
    listener.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async open(target: HttpServer): Promise<LoopbackRelay> {
    const listener = createServer((socket) => target.emit('connection', socket));
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = listener.address() as AddressInfo;
    return new LoopbackRelay(listener, `http://127.0.0.1:${port}`);
  }

  /** Resolves once every handed-over connection has closed, so the server has seen them go. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.listener.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    // The application's own 'close' handlers (Socket.IO's disconnect, the viewer count) run in
    // the turn after the socket closed.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A dashboard's side of the live socket: subscribed to everything, counting what arrives. */
class WarmupViewer {
  private count = 0;
  private waiting: (() => void) | undefined;

  private constructor(private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.on('logs', (block) => {
      this.count += block.rows.length;
      this.waiting?.();
    });
  }

  static async connect(
    url: string,
    basePath: string,
    token: string,
    deadline: number,
  ): Promise<WarmupViewer> {
    const timeout = Math.max(0, deadline - performance.now());
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(
      // The namespace is the URL's path; the base path moves only the Engine.IO endpoint.
      `${url}${LOGS_NAMESPACE}`,
      {
        path: `${basePath}/socket.io`,
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
        timeout,
      },
    );
    const viewer = new WarmupViewer(socket);
    const ack = await socket.timeout(timeout).emitWithAck('subscribe', { backfill: 0 });
    if (!ack.ok) {
      socket.close();
      throw new Error(`the viewer's subscription was refused (${ack.error})`);
    }
    return viewer;
  }

  /** Waits until `expected` entries arrived or the deadline passed; returns how many arrived. */
  async seen(expected: number, deadline: number): Promise<number> {
    while (this.count < expected && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.waiting = undefined;
    return this.count;
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * One `POST /logs/stream` carrying `lines` made-up lines in chunks, as `redtail-ship` sends;
 * returns how many the server acknowledged.
 */
async function streamLines(
  base: string,
  key: string,
  lines: number,
  deadline: number,
): Promise<number> {
  const outgoing = request(`${base}/logs/stream`, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/x-ndjson', ...authorization(key) },
  });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    outgoing.once('response', resolve);
    outgoing.on('error', reject);
  });
  // Awaited after the writes; a failure meanwhile must not count as an unhandled rejection.
  answered.catch(() => undefined);
  outgoing.flushHeaders();
  for (let chunk = 0, written = 0; written < lines; chunk++) {
    if (performance.now() >= deadline || outgoing.destroyed) break;
    const size = Math.min(CHUNK, lines - written);
    if (!outgoing.write(`${madeUpBatch(chunk, size)}\n`)) {
      await withDeadline(drained(outgoing), deadline, () => outgoing.destroy());
    }
    written += size;
  }
  outgoing.end();
  const response = await withDeadline(answered, deadline, () => outgoing.destroy());
  if (response.statusCode !== 200) {
    response.resume();
    throw new Error(`POST /logs/stream answered ${response.statusCode}`);
  }
  let acked = 0;
  const text = await withDeadline(readText(response), deadline, () => outgoing.destroy());
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line) as StreamRecord;
    if ('ack' in record) acked = record.ack;
  }
  return acked;
}

/** `lines` made-up lines as `POST /logs/batch` requests of CHUNK lines, one after another. */
async function postBatches(
  base: string,
  key: string,
  lines: number,
  deadline: number,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let accepted = 0;
  try {
    for (let batch = 0, sent = 0; sent < lines && performance.now() < deadline; batch++) {
      const size = Math.min(CHUNK, lines - sent);
      const body = madeUpBatch(batch, size);
      const outgoing = request(`${base}/logs/batch`, {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-ndjson',
          'content-length': Buffer.byteLength(body),
          ...authorization(key),
        },
      });
      const answered = new Promise<IncomingMessage>((resolve, reject) => {
        outgoing.once('response', resolve);
        outgoing.on('error', reject);
      });
      outgoing.end(body);
      const response = await withDeadline(answered, deadline, () => outgoing.destroy());
      const text = await withDeadline(readText(response), deadline, () => outgoing.destroy());
      if (response.statusCode !== 201 && response.statusCode !== 200) {
        throw new Error(`POST /logs/batch answered ${response.statusCode}`);
      }
      accepted += (JSON.parse(text) as { accepted: number }).accepted;
      sent += size;
    }
  } finally {
    agent.destroy();
  }
  return accepted;
}

/** Resolves when the request can take more, or closes (a closed request never drains). */
function drained(outgoing: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off('drain', done);
      outgoing.off('close', done);
      resolve();
    };
    outgoing.on('drain', done);
    outgoing.on('close', done);
  });
}

function authorization(key: string): Record<string, string> {
  return key === '' ? {} : { authorization: `Bearer ${key}` };
}

function readText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.once('end', () => resolve(text));
    response.on('error', reject);
  });
}

/** `promise`, or a rejection (after `onTimeout`) once the deadline has passed. */
async function withDeadline<T>(
  promise: Promise<T>,
  deadline: number,
  onTimeout: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        onTimeout();
        reject(new Error('out of time'));
      },
      Math.max(0, deadline - performance.now()),
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
