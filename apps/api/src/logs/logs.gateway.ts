import { OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  AdminAck,
  ClientToServerEvents,
  CompiledLogFilter,
  LiveBlock,
  LOGS_NAMESPACE,
  MetricsSnapshot,
  PanicEvent,
  PanicRequest,
  ResumeEvent,
  Role,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
  SUBSCRIBE_BUSY_PREFIX,
  toLiveRow,
} from '@redtail/contracts';
import type { Socket as NetSocket } from 'node:net';
import type { Namespace, Socket } from 'socket.io';
import { Env } from '../app/env';
import { BusyException } from '../app/retry-later.exception';
import { AuditService } from '../auth/audit.service';
import { trackerOf } from '../auth/address-budget';
import { SocketRateLimit } from '../auth/socket-rate-limit';
import { hasRole, SocketData } from '../auth/identity';
import { BoundedQueue } from './bounded-queue';
import type { BroadcastSink, LiveDelivery } from './broadcast-sink';
import { filterFromSocket } from './log-filter';
import { LogService, Replay } from './log.service';
import type { Awaitable } from './ports/awaitable';
import { Deployment } from './ports/deployment';
import { NodeFanOut } from './ports/node-fan-out';
import { rawLiveBlock } from './text-only.parser';

type LogsNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type LogsSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** Socket.IO packets are one emit each: at most 500 entries and about a megabyte per packet. */
const MAX_PER_EMIT = 500;
const MAX_EMIT_BYTES = 1024 * 1024;
const METRICS_INTERVAL_MS = 1_000;
/** Every subscribed socket, for the per-second metrics snapshot. */
const SUBSCRIBERS_ROOM = 'subscribers';

/**
 * Subscribers with the same filter and the same choice of context: the filter runs once per batch
 * and the result is serialised once.
 */
interface Group {
  key: string;
  filter: CompiledLogFilter;
  withContext: boolean;
  room: string;
  members: Set<Viewer>;
}

interface Viewer {
  socket: LogsSocket;
  group: Group;
  /**
   * Set while the socket is behind the shared stream: its entries, serialised, wait here and
   * leave coalesced, in as few packets as the emit bounds allow, each time its socket drains.
   */
  queue: BoundedQueue<string> | undefined;
  dropped: number;
  awaitingDrain: boolean;
}

/**
 * The live stream on `/logs`. Each tick's entries are serialised once, as compact rows (`LiveRow`
 * in the shared contract); subscribers that keep up receive them at once as a room broadcast (one
 * packet, framed once for all of them). A subscriber whose socket is still writing an earlier
 * packet is taken out of the broadcast and fed from its own bounded queue when the socket drains:
 * what piled up meanwhile leaves coalesced, in packets of up to 500 entries, and at most
 * LOG_CLIENT_WRITE_BUFFER packets wait on the socket. A subscriber that stays behind until its
 * queue overflows gets a `dropped` event for what was discarded. One slow dashboard costs at most
 * LOG_CLIENT_QUEUE entries of memory and never slows the others.
 *
 * Every emit is node-local: in a cluster each node receives the other nodes'
 * entries (sealed, through the Redis adapter) and delivers them to its own
 * dashboards with its own groups and queues.
 */
@WebSocketGateway({ namespace: LOGS_NAMESPACE })
export class LogsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy, BroadcastSink
{
  @WebSocketServer()
  private readonly server!: LogsNamespace;

  private readonly viewers = new Map<string, Viewer>();
  private readonly groups = new Map<string, Group>();
  private metricsTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logs: LogService,
    private readonly env: Env,
    private readonly audit: AuditService,
    private readonly fanOut: NodeFanOut,
    private readonly deployment: Deployment,
    private readonly limits: SocketRateLimit,
  ) {}

  get listening(): boolean {
    return this.viewers.size > 0;
  }

  /** Entries waiting for one slow socket; 0 for a healthy one. */
  queuedFor(socketId: string): number {
    return this.viewers.get(socketId)?.queue?.length ?? 0;
  }

  /** Bytes (as sent) waiting for one slow socket. */
  queuedBytesFor(socketId: string): number {
    return this.viewers.get(socketId)?.queue?.bytes ?? 0;
  }

  afterInit(): void {
    this.logs.attach(this);
    this.fanOut.attach(this.server as unknown as Namespace);
    this.deployment.attach(this.server as unknown as Namespace);
    this.metricsTimer = setInterval(() => this.pushMetrics(), METRICS_INTERVAL_MS);
    this.metricsTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.metricsTimer);
    this.logs.detach();
  }

  handleConnection(): void {
    this.countViewers();
  }

  handleDisconnect(socket: LogsSocket): void {
    this.leave(socket.id);
    this.countViewers();
  }

  @SubscribeMessage('subscribe')
  subscribe(
    @ConnectedSocket() socket: LogsSocket,
    @MessageBody() request: SubscribeRequest | undefined,
  ): Awaitable<SubscribeAck> {
    if (!allowed(socket, 'viewer')) return { ok: false, error: 'forbidden: viewer role required' };
    // Every subscription replays the store (a backfill unless it asks for none, or a resume).
    const replays = request?.afterSeq !== undefined || request?.backfill !== 0;
    const limited = this.limits.refusal(socket, 'subscribe', replays);
    if (limited) return { ok: false, error: limited };
    const filter = filterFromSocket(request);
    if (typeof filter === 'string') return { ok: false, error: filter };
    const afterSeq = request?.afterSeq;
    const backfill = request?.backfill;
    const withContext = request?.withContext;
    if (withContext !== undefined && typeof withContext !== 'boolean') {
      return { ok: false, error: 'withContext: must be a boolean' };
    }
    if (afterSeq !== undefined && !isCount(afterSeq)) {
      return { ok: false, error: 'afterSeq: must be a non-negative integer' };
    }
    if (backfill !== undefined && !isCount(backfill)) {
      return { ok: false, error: 'backfill: must be a non-negative integer' };
    }
    this.join(socket, filter, withContext ?? true);
    // Read at the join: every line numbered after it reaches this socket live.
    const newestSeq = this.logs.newestSeq;
    let replay: Awaitable<Replay>;
    try {
      replay = this.logs.replay(filter, { afterSeq, backfill, owner: scanOwner(socket) });
    } catch (error) {
      if (!(error instanceof BusyException)) throw error;
      // Refused before reading: the socket is left unsubscribed (any earlier subscription was
      // replaced), so no live entry reaches it without its replay; the client asks again.
      this.leave(socket.id);
      return { ok: false, error: `${SUBSCRIBE_BUSY_PREFIX}${error.message}` };
    }
    return replay instanceof Promise
      ? replay.then(
          (result) => this.acknowledge(socket, result, newestSeq),
          () => ({ ok: false, error: 'unavailable: the store cannot be reached, retry shortly' }),
        )
      : this.acknowledge(socket, replay, newestSeq);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: LogsSocket): void {
    this.leave(socket.id);
  }

  @SubscribeMessage('panic')
  async panic(
    @ConnectedSocket() socket: LogsSocket,
    @MessageBody() request: PanicRequest | undefined,
  ): Promise<AdminAck | (PanicEvent & { ok: true })> {
    if (!allowed(socket, 'admin')) return { ok: false, error: 'forbidden: admin role required' };
    const limited = this.limits.refusal(socket, 'panic');
    if (limited) return { ok: false, error: limited };
    const lockdown = request?.lockdown === true;
    const event = await this.logs.panic(lockdown);
    this.audit.record({
      type: 'panic',
      ...actorOf(socket),
      detail: lockdown ? 'socket /logs panic (lockdown)' : 'socket /logs panic',
    });
    return { ok: true, ...event };
  }

  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() socket: LogsSocket): Promise<AdminAck> {
    if (!allowed(socket, 'admin')) return { ok: false, error: 'forbidden: admin role required' };
    const limited = this.limits.refusal(socket, 'resume');
    if (limited) return { ok: false, error: limited };
    await this.logs.resume();
    this.audit.record({ type: 'resume', ...actorOf(socket), detail: 'socket /logs resume' });
    return { ok: true };
  }

  deliver(delivery: LiveDelivery): void {
    const { sizes } = delivery;
    // Each entry is serialised at most once per tick for each choice of context, whatever the
    // number of groups and viewers.
    const made: [readonly string[] | undefined, readonly string[] | undefined] = [
      undefined,
      undefined,
    ];
    const encoded = (withContext: boolean) =>
      (made[withContext ? 1 : 0] ??=
        delivery.rows?.(withContext) ??
        delivery.entries().map((entry) => JSON.stringify(toLiveRow(entry, withContext))));
    for (const group of this.groups.values()) {
      let matched: readonly string[] | undefined;
      let matchedSizes = sizes;
      if (group.filter.acceptsAll) {
        matched = encoded(group.withContext);
      } else {
        const kept: string[] = [];
        const keptSizes: number[] = [];
        delivery.entries().forEach((entry, index) => {
          if (!group.filter.matchesEntry(entry)) return;
          kept.push(encoded(group.withContext)[index]);
          keptSizes.push(sizes[index]);
        });
        matched = kept;
        matchedSizes = keptSizes;
      }
      if (matched.length === 0) continue;
      const slow: string[] = [];
      for (const viewer of group.members) {
        if (viewer.queue || this.waiting(viewer)) {
          slow.push(viewer.socket.id);
          this.enqueue(viewer, matched, matchedSizes);
        }
      }
      if (slow.length === group.members.size) continue;
      const local = this.server.local;
      const target = slow.length > 0 ? local.to(group.room).except(slow) : local.to(group.room);
      for (const [from, to] of emitChunks(matchedSizes)) {
        target.emit('logs', this.liveBlock(matched.slice(from, to)));
      }
    }
  }

  /**
   * A socket still holding pre-panic entries it has not taken (its own queue, engine.io's buffer,
   * or bytes stuck in the connection) would read them after the panic: such sockets are cut, their
   * buffers dropped, before the `panic` event goes to everyone else. They reconnect and, seeing a
   * new epoch, start empty.
   */
  panicked(event: PanicEvent): void {
    for (const viewer of this.viewers.values()) {
      const behind =
        viewer.queue !== undefined || this.backlogged(viewer) || wireBacklog(viewer.socket) > 0;
      viewer.queue = undefined;
      viewer.dropped = 0;
      if (behind) cutOff(viewer.socket);
    }
    this.server.local.emit('panic', event);
    this.pushMetrics();
  }

  resumed(event: ResumeEvent): void {
    this.server.local.emit('resumed', event);
    this.pushMetrics();
  }

  private acknowledge(socket: LogsSocket, replay: Replay, newestSeq: number): SubscribeAck {
    if (replay.missed > 0) socket.emit('dropped', { count: replay.missed, reason: 'evicted' });
    return {
      ok: true,
      entries: replay.entries,
      missed: replay.missed,
      epoch: this.logs.epoch,
      epochTag: this.logs.epochTag,
      lockdown: this.logs.lockedDown,
      newestSeq,
    };
  }

  private countViewers(): void {
    this.logs.setViewers(this.server.sockets.size);
  }

  private join(socket: LogsSocket, filter: CompiledLogFilter, withContext: boolean): void {
    this.leave(socket.id);
    const key = withContext ? filter.key : `${filter.key}|without-context`;
    let group = this.groups.get(key);
    if (!group) {
      group = { key, filter, withContext, room: `filter:${key}`, members: new Set() };
      this.groups.set(key, group);
    }
    const viewer: Viewer = { socket, group, queue: undefined, dropped: 0, awaitingDrain: false };
    group.members.add(viewer);
    this.viewers.set(socket.id, viewer);
    void socket.join([group.room, SUBSCRIBERS_ROOM]);
  }

  private leave(socketId: string): void {
    const viewer = this.viewers.get(socketId);
    if (!viewer) return;
    this.viewers.delete(socketId);
    viewer.queue = undefined;
    const { group } = viewer;
    group.members.delete(viewer);
    if (group.members.size === 0) this.groups.delete(group.key);
    void viewer.socket.leave(group.room);
    void viewer.socket.leave(SUBSCRIBERS_ROOM);
  }

  /** Too far behind for the shared stream: too many packets, or too many bytes, waiting on it. */
  private backlogged(viewer: Viewer): boolean {
    const { writeBuffer } = viewer.socket.conn as unknown as { writeBuffer: { data?: unknown }[] };
    if (writeBuffer.length > this.env.LOG_CLIENT_WRITE_BUFFER) return true;
    let bytes = 0;
    for (const packet of writeBuffer) {
      const { data } = packet;
      if (typeof data === 'string' || Buffer.isBuffer(data)) bytes += data.length;
    }
    return bytes > this.env.LOG_CLIENT_WRITE_BUFFER_BYTES;
  }

  /**
   * A packet already waiting on the socket means its transport is still writing an earlier one:
   * a viewer that keeps up never has one at the next tick. Entries for a viewer that is behind
   * wait in its own queue and leave together when engine.io hands its buffer to the transport,
   * so it reads one larger packet instead of one per tick, and a healthy viewer is never delayed.
   */
  private waiting(viewer: Viewer): boolean {
    return (viewer.socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length > 0;
  }

  private enqueue(viewer: Viewer, rows: readonly string[], sizes: readonly number[]): void {
    viewer.queue ??= new BoundedQueue(this.env.LOG_CLIENT_QUEUE, this.env.LOG_CLIENT_QUEUE_BYTES);
    viewer.dropped += viewer.queue.pushAll(rows, sizes);
    if (this.waiting(viewer)) this.awaitDrain(viewer);
    else this.pump(viewer);
  }

  /**
   * Sends what the socket can take now, up to the write-buffer bounds; rejoins the shared stream
   * once its queue is empty.
   */
  private pump(viewer: Viewer): void {
    if (this.viewers.get(viewer.socket.id) !== viewer || !viewer.queue) return;
    if (viewer.dropped > 0) {
      viewer.socket.emit('dropped', { count: viewer.dropped, reason: 'slow-client' });
      viewer.dropped = 0;
    }
    while (viewer.queue.length > 0 && !this.backlogged(viewer)) {
      viewer.socket.emit('logs', this.liveBlock(viewer.queue.take(MAX_PER_EMIT, MAX_EMIT_BYTES)));
    }
    if (viewer.queue.length > 0) this.awaitDrain(viewer);
    else viewer.queue = undefined;
  }

  /** engine.io emits `drain` each time its write buffer is handed to the transport. */
  private awaitDrain(viewer: Viewer): void {
    if (viewer.awaitingDrain) return;
    viewer.awaitingDrain = true;
    viewer.socket.conn.once('drain', () => {
      viewer.awaitingDrain = false;
      this.pump(viewer);
    });
  }

  /**
   * Rows serialised once (`JSON.stringify` of each `LiveRow`) as the `logs` event's argument: the
   * encoder splices the text in, so the client receives exactly a `LiveBlock`. Every queue is
   * emptied at a panic, so whatever is sent belongs to the current epoch.
   */
  private liveBlock(rows: readonly string[]): LiveBlock {
    return rawLiveBlock(this.logs.epoch, rows) as unknown as LiveBlock;
  }

  private pushMetrics(): void {
    if (this.viewers.size === 0) return;
    const snapshot = this.logs.metricsSnapshot();
    if (snapshot instanceof Promise) {
      // A snapshot Redis cannot serve now is skipped; the next second tries again.
      snapshot.then((value) => this.emitMetrics(value)).catch(() => undefined);
    } else {
      this.emitMetrics(snapshot);
    }
  }

  private emitMetrics(snapshot: MetricsSnapshot): void {
    // volatile: a snapshot a slow socket cannot take now is worthless a second later.
    this.server.local.to(SUBSCRIBERS_ROOM).volatile.emit('metrics', snapshot);
  }
}

function allowed(socket: LogsSocket, role: Role): boolean {
  const identity = socket.data?.identity;
  return identity !== undefined && hasRole(identity, role);
}

/** Whose scan a replay is: the key's (the address's with auth off), as for the scan rate limit. */
function scanOwner(socket: LogsSocket): string {
  return trackerOf(socket.data.identity, socket.data.address);
}

function actorOf(socket: LogsSocket): { actor?: string; address: string | null } {
  return { actor: socket.data?.identity?.name, address: socket.data?.address ?? null };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The WebSocket under an engine.io connection, when that is the transport in use. */
function webSocketOf(socket: LogsSocket): { _socket?: NetSocket; terminate(): void } | undefined {
  const transport = (socket.conn as unknown as { transport?: { name?: string; socket?: unknown } })
    .transport;
  return transport?.name === 'websocket'
    ? (transport.socket as { _socket?: NetSocket; terminate(): void })
    : undefined;
}

/** Bytes written to the connection and not yet sent: a reader that stopped reading holds them. */
function wireBacklog(socket: LogsSocket): number {
  return webSocketOf(socket)?._socket?.writableLength ?? 0;
}

/**
 * Drops everything on its way to this socket and closes it at once: engine.io's buffer, the
 * WebSocket's, and (with a TCP reset instead of a graceful close) what the kernel still holds.
 */
function cutOff(socket: LogsSocket): void {
  const conn = socket.conn as unknown as { writeBuffer: unknown[]; close(discard: boolean): void };
  conn.writeBuffer.length = 0;
  const tcp = webSocketOf(socket)?._socket;
  if (tcp && typeof tcp.resetAndDestroy === 'function') tcp.resetAndDestroy();
  conn.close(true);
  socket.disconnect(true);
}

/** [from, to) ranges of at most MAX_PER_EMIT entries and about MAX_EMIT_BYTES each. */
function emitChunks(sizes: readonly number[]): [number, number][] {
  const chunks: [number, number][] = [];
  let from = 0;
  let bytes = 0;
  for (let index = 0; index < sizes.length; index += 1) {
    const full =
      index - from >= MAX_PER_EMIT || (index > from && bytes + sizes[index] > MAX_EMIT_BYTES);
    if (full) {
      chunks.push([from, index]);
      from = index;
      bytes = 0;
    }
    bytes += sizes[index];
  }
  if (from < sizes.length) chunks.push([from, sizes.length]);
  return chunks;
}
