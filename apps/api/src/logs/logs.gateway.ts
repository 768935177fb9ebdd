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
  LogEntry,
  LOGS_NAMESPACE,
  MetricsSnapshot,
  PanicEvent,
  PanicRequest,
  ResumeEvent,
  Role,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '@redtail/contracts';
import type { Namespace, Socket } from 'socket.io';
import { Env } from '../app/env';
import { AuditService } from '../auth/audit.service';
import { hasRole, SocketData } from '../auth/identity';
import { BoundedQueue } from './bounded-queue';
import type { BroadcastSink } from './broadcast-sink';
import { filterFromSocket } from './log-filter';
import { LogService, Replay } from './log.service';
import type { Awaitable } from './ports/awaitable';
import { Deployment } from './ports/deployment';
import { NodeFanOut } from './ports/node-fan-out';

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

/** Socket.IO packets are one emit each; 500 entries keeps a packet well under a megabyte. */
const MAX_PER_EMIT = 500;
const METRICS_INTERVAL_MS = 1_000;
/** Every subscribed socket, for the per-second metrics snapshot. */
const SUBSCRIBERS_ROOM = 'subscribers';

/** Subscribers with the same filter: it runs once per batch and the result is serialised once. */
interface Group {
  filter: CompiledLogFilter;
  room: string;
  members: Set<Viewer>;
}

interface Viewer {
  socket: LogsSocket;
  group: Group;
  /** Set while the socket is too slow for the shared stream. */
  queue: BoundedQueue<LogEntry> | undefined;
  dropped: number;
  awaitingDrain: boolean;
}

/**
 * The live stream on `/logs`. Healthy subscribers receive room broadcasts;
 * a subscriber whose socket falls behind (engine.io write buffer over
 * LOG_CLIENT_WRITE_BUFFER packets) is taken out of the broadcast and fed
 * from its own bounded queue when the socket drains, with a `dropped` event
 * for whatever overflowed. One slow dashboard costs at most LOG_CLIENT_QUEUE
 * entries of memory and never slows the others.
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
  ) {}

  get listening(): boolean {
    return this.viewers.size > 0;
  }

  /** Entries waiting for one slow socket; 0 for a healthy one. */
  queuedFor(socketId: string): number {
    return this.viewers.get(socketId)?.queue?.length ?? 0;
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
    const filter = filterFromSocket(request);
    if (typeof filter === 'string') return { ok: false, error: filter };
    const afterSeq = request?.afterSeq;
    const backfill = request?.backfill;
    if (afterSeq !== undefined && !isCount(afterSeq)) {
      return { ok: false, error: 'afterSeq: must be a non-negative integer' };
    }
    if (backfill !== undefined && !isCount(backfill)) {
      return { ok: false, error: 'backfill: must be a non-negative integer' };
    }
    this.join(socket, filter);
    const replay = this.logs.replay(filter, { afterSeq, backfill });
    return replay instanceof Promise
      ? replay.then(
          (result) => this.acknowledge(socket, result),
          () => ({ ok: false, error: 'unavailable: the store cannot be reached, retry shortly' }),
        )
      : this.acknowledge(socket, replay);
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
    const event = await this.logs.panic(request?.lockdown === true);
    this.audit.record({ type: 'panic', ...actorOf(socket), detail: 'socket /logs panic' });
    return { ok: true, ...event };
  }

  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() socket: LogsSocket): Promise<AdminAck> {
    if (!allowed(socket, 'admin')) return { ok: false, error: 'forbidden: admin role required' };
    await this.logs.resume();
    this.audit.record({ type: 'resume', ...actorOf(socket), detail: 'socket /logs resume' });
    return { ok: true };
  }

  deliver(entries: LogEntry[]): void {
    for (const group of this.groups.values()) {
      const matched = group.filter.acceptsAll
        ? entries
        : entries.filter((entry) => group.filter.matchesEntry(entry));
      if (matched.length === 0) continue;
      const slow: string[] = [];
      for (const viewer of group.members) {
        if (viewer.queue || this.backlogged(viewer)) {
          slow.push(viewer.socket.id);
          this.enqueue(viewer, matched);
        }
      }
      if (slow.length === group.members.size) continue;
      const local = this.server.local;
      const target = slow.length > 0 ? local.to(group.room).except(slow) : local.to(group.room);
      for (let from = 0; from < matched.length; from += MAX_PER_EMIT) {
        target.emit('logs', chunk(matched, from));
      }
    }
  }

  panicked(event: PanicEvent): void {
    for (const viewer of this.viewers.values()) {
      viewer.queue = undefined;
      viewer.dropped = 0;
    }
    this.server.local.emit('panic', event);
    this.pushMetrics();
  }

  resumed(event: ResumeEvent): void {
    this.server.local.emit('resumed', event);
    this.pushMetrics();
  }

  private acknowledge(socket: LogsSocket, replay: Replay): SubscribeAck {
    if (replay.missed > 0) socket.emit('dropped', { count: replay.missed, reason: 'evicted' });
    return {
      ok: true,
      entries: replay.entries,
      missed: replay.missed,
      epoch: this.logs.epoch,
      lockdown: this.logs.lockedDown,
    };
  }

  private countViewers(): void {
    this.logs.setViewers(this.server.sockets.size);
  }

  private join(socket: LogsSocket, filter: CompiledLogFilter): void {
    this.leave(socket.id);
    let group = this.groups.get(filter.key);
    if (!group) {
      group = { filter, room: `filter:${filter.key}`, members: new Set() };
      this.groups.set(filter.key, group);
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
    if (group.members.size === 0) this.groups.delete(group.filter.key);
    void viewer.socket.leave(group.room);
    void viewer.socket.leave(SUBSCRIBERS_ROOM);
  }

  private backlogged(viewer: Viewer): boolean {
    const { writeBuffer } = viewer.socket.conn as unknown as { writeBuffer: unknown[] };
    return writeBuffer.length > this.env.LOG_CLIENT_WRITE_BUFFER;
  }

  private enqueue(viewer: Viewer, entries: LogEntry[]): void {
    viewer.queue ??= new BoundedQueue(this.env.LOG_CLIENT_QUEUE);
    viewer.dropped += viewer.queue.pushAll(entries);
    if (this.backlogged(viewer)) this.awaitDrain(viewer);
    else this.pump(viewer);
  }

  /** Sends what the slow socket can take now; rejoins the shared stream once its queue is empty. */
  private pump(viewer: Viewer): void {
    if (this.viewers.get(viewer.socket.id) !== viewer || !viewer.queue) return;
    if (viewer.dropped > 0) {
      viewer.socket.emit('dropped', { count: viewer.dropped, reason: 'slow-client' });
      viewer.dropped = 0;
    }
    while (viewer.queue.length > 0 && !this.backlogged(viewer)) {
      viewer.socket.emit('logs', viewer.queue.take(MAX_PER_EMIT));
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

function actorOf(socket: LogsSocket): { actor?: string; address: string | null } {
  return { actor: socket.data?.identity?.name, address: socket.handshake.address ?? null };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function chunk(entries: LogEntry[], from: number): LogEntry[] {
  return from === 0 && entries.length <= MAX_PER_EMIT
    ? entries
    : entries.slice(from, from + MAX_PER_EMIT);
}
