import { Logger } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';
import Redis, { RedisOptions } from 'ioredis';
import { hostname } from 'node:os';
import { ConfigurationError } from '../app/configuration-error';
import type { Env } from '../app/env';
import { BlockCipher } from '../logs/block-cipher';
import type { EpochListener, EpochState } from '../logs/ports/sealer';
import { newDataKey, pseudonymKeyOf, unwrapDataKey, wrapDataKey } from './cluster-crypto';
import { parseClusterKek } from './cluster-kek';
import {
  epochKeys,
  EVENTS_CHANNEL,
  INIT_SCRIPT,
  KEYS,
  LOAD_SCRIPT,
  PANIC_SCRIPT,
  RESUME_SCRIPT,
} from './cluster-scripts';
import { inspectRedisPersistence } from './redis-persistence';

/** A command that takes longer fails, so a hung Redis turns into a quick 503, never a pile-up. */
const COMMAND_TIMEOUT_MS = 1_000;
const HEARTBEAT_MS = 1_000;
/** A node that has not reported for this long is counted as gone. */
const NODE_TTL_MS = 5_000;

/** One epoch's key as this node holds it: the shared data key's cipher and its pseudonym key. */
interface EpochKey {
  cipher: BlockCipher;
  pseudonymKey: Buffer;
}

/** Thrown while Redis cannot be reached or answers out of time; the caller answers 503. */
export class ClusterUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('Redis is unreachable', { cause });
    this.name = 'ClusterUnavailableError';
  }
}

/**
 * This node's connection to the cluster, and the only holder of the KEK: the
 * Redis clients, the current epoch's data key (unwrapped, in memory only),
 * the nudges other nodes publish, and the heartbeat that counts nodes and
 * notices anything a lost nudge missed (a panic, a Redis restart).
 */
export class ClusterLink {
  private readonly logger = new Logger('Cluster');
  private current: EpochKey | undefined;
  private readonly listeners: EpochListener[] = [];
  private syncing: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private viewers = 0;
  private lockdownFlag = false;
  private epochStart = 1;
  private panics = 0;
  private lastPanic: string | null = null;
  /** Highest seq this node has seen, so a store recreated after a restart never reuses a cursor. */
  private highestSeq = 0;
  private closed = false;

  private constructor(
    readonly nodeId: string,
    readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly adapterClients: [Redis, Redis],
    private readonly kek: Buffer,
    readonly persistentRedis: boolean,
    private readonly adapterKind: Env['REDTAIL_CLUSTER_ADAPTER'],
  ) {}

  /** Connects, checks that Redis keeps nothing on disk, and loads (or creates) the current epoch. */
  static async connect(env: Env): Promise<ClusterLink> {
    const url = env.REDIS_URL;
    if (!url) throw new Error('REDIS_URL is not set');
    const kek = parseClusterKek(env.REDTAIL_CLUSTER_KEK);
    const logger = new Logger('Cluster');
    const redis = quiet(new Redis(url, redisOptions()));
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new ConfigurationError([
        `Cannot reach Redis at REDIS_URL: ${(error as Error).message} (start it, or fix REDIS_URL)`,
      ]);
    }
    const persistence = await inspectRedisPersistence(redis);
    if (persistence.persistent && !env.REDTAIL_ALLOW_PERSISTENT_REDIS) {
      redis.disconnect();
      throw new ConfigurationError([
        `Redis persists to disk (${persistence.reasons.join(', ')}), which would put sealed logs on disk. ` +
          'Run it memory-only (--save "" --appendonly no) or set REDTAIL_ALLOW_PERSISTENT_REDIS=true',
      ]);
    }
    if (persistence.persistent) {
      logger.warn(
        `!!! Redis persists to disk (${persistence.reasons.join(', ')}): sealed logs and wrapped keys reach its disk. ` +
          'Accepted because REDTAIL_ALLOW_PERSISTENT_REDIS=true.',
      );
    }
    const subscriber = quiet(new Redis(url, redisOptions()));
    // The adapter fires and forgets its publishes, so its clients queue briefly instead of rejecting.
    const adapterClients: [Redis, Redis] = [
      quiet(
        new Redis(url, { ...redisOptions(), enableOfflineQueue: true, maxRetriesPerRequest: null }),
      ),
      quiet(
        new Redis(url, { ...redisOptions(), enableOfflineQueue: true, maxRetriesPerRequest: null }),
      ),
    ];
    await Promise.all(adapterClients.map((client) => client.connect()));
    const nodeId = env.REDTAIL_NODE_ID ?? `${hostname()}-${process.pid}`;
    const link = new ClusterLink(
      nodeId,
      redis,
      subscriber,
      adapterClients,
      kek,
      persistence.persistent,
      env.REDTAIL_CLUSTER_ADAPTER,
    );
    await link.sync();
    await link.listenForNudges();
    return link;
  }

  get cipher(): BlockCipher {
    if (!this.current || !this.ready) throw new ClusterUnavailableError();
    return this.current.cipher;
  }

  /** Derived from the epoch's data key, so every node pseudonymises alike and a panic unlinks them. */
  get pseudonymKey(): Buffer {
    if (!this.current) throw new ClusterUnavailableError();
    return this.current.pseudonymKey;
  }

  get epoch(): number {
    return this.current?.cipher.epoch ?? 0;
  }

  get state(): EpochState {
    return {
      epoch: this.epoch,
      tag: this.current?.cipher.tag ?? '',
      startSeq: this.epochStart,
      lockdown: this.lockdownFlag,
      panicCount: this.panics,
      lastPanicAt: this.lastPanic,
    };
  }

  get lockdown(): boolean {
    return this.lockdownFlag;
  }

  /** First seq of the current epoch: anything before it was wiped, not missed. */
  get epochStartSeq(): number {
    return this.epochStart;
  }

  get panicCount(): number {
    return this.panics;
  }

  get lastPanicAt(): string | null {
    return this.lastPanic;
  }

  /** True while commands can reach Redis and the epoch key is loaded. */
  get ready(): boolean {
    return this.redis.status === 'ready' && this.current !== undefined && !this.closed;
  }

  /** The Socket.IO Redis adapter for this node's server (pub/sub unless told); see docs/scaling.md. */
  socketAdapter(): ReturnType<typeof createAdapter> | ReturnType<typeof createStreamsAdapter> {
    const [pub, sub] = this.adapterClients;
    if (this.adapterKind === 'pubsub') return createAdapter(pub, sub);
    // Its blocking XREAD must return before the client's command timeout, or every read would fail.
    return createStreamsAdapter(pub, { blockTimeInMs: COMMAND_TIMEOUT_MS / 2 });
  }

  listen(listener: EpochListener): void {
    this.listeners.push(listener);
  }

  setViewers(count: number): void {
    this.viewers = count;
  }

  sawSeq(seq: number): void {
    if (seq > this.highestSeq) this.highestSeq = seq;
  }

  /** Runs a command, mapping "Redis is not there" to `ClusterUnavailableError`. */
  async call<T>(run: (redis: Redis) => Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready') throw new ClusterUnavailableError();
    try {
      return await run(this.redis);
    } catch (error) {
      if (isConnectionError(error)) throw new ClusterUnavailableError(error);
      throw error;
    }
  }

  /** Brings this node to the cluster's current epoch; concurrent callers share one run. */
  sync(): Promise<void> {
    this.syncing ??= this.load().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  /** Moves the whole cluster to a new epoch (dropping the old one's data); `cleared` is for the record. */
  async panic(lockdown: boolean, cleared: number): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const expected = this.epoch;
      const dataKey = newDataKey();
      const wrapped = wrapDataKey(this.kek, dataKey, expected + 1);
      dataKey.fill(0);
      try {
        await this.call((redis) =>
          redis.eval(
            PANIC_SCRIPT,
            5,
            KEYS.state,
            ...epochKeys(expected),
            String(expected),
            wrapped.toString('base64'),
            lockdown ? '1' : '0',
            new Date().toISOString(),
            String(cleared),
          ),
        );
        await this.sync();
        return;
      } catch (error) {
        // Another node panicked (or Redis restarted) first: move to its epoch and panic from there.
        if (!isScriptError(error) || attempt >= 2) throw error;
        await this.sync();
      }
    }
  }

  async resume(): Promise<void> {
    await this.call((redis) => redis.eval(RESUME_SCRIPT, 1, KEYS.state));
    await this.sync();
  }

  /** Live nodes and their dashboards, from the heartbeats. */
  async nodes(): Promise<{ nodes: number; viewers: number }> {
    const all = await this.call((redis) => redis.hgetall(KEYS.nodes));
    const now = Date.now();
    let nodes = 0;
    let viewers = 0;
    for (const value of Object.values(all)) {
      const [seen, count] = value.split(':').map(Number);
      if (now - seen > NODE_TTL_MS) continue;
      nodes += 1;
      viewers += count;
    }
    return { nodes, viewers };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.redis.status === 'ready') {
      await this.redis.hdel(KEYS.nodes, this.nodeId).catch(() => undefined);
    }
    this.destroyKey(this.current);
    this.current = undefined;
    this.kek.fill(0);
    this.subscriber.disconnect();
    for (const client of this.adapterClients) client.disconnect();
    this.redis.disconnect();
  }

  private async listenForNudges(): Promise<void> {
    this.subscriber.on('message', () => void this.sync().catch(() => undefined));
    await this.subscriber.connect();
    await this.subscriber.subscribe(EVENTS_CHANNEL);
    this.redis.on('ready', () => void this.sync().catch(() => undefined));
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    await this.beat();
  }

  private async beat(): Promise<void> {
    if (this.redis.status !== 'ready' || this.closed) return;
    try {
      await this.redis.hset(KEYS.nodes, this.nodeId, `${Date.now()}:${this.viewers}`);
      await this.sync();
    } catch {
      // Unreachable for now: `ready` turns false, /health says so, and the next beat retries.
    }
  }

  private async load(): Promise<void> {
    let state = await this.call((redis) => redis.eval(LOAD_SCRIPT, 1, KEYS.state));
    if (state === null) {
      const epoch = this.epoch + 1;
      const dataKey = newDataKey();
      const wrapped = wrapDataKey(this.kek, dataKey, epoch);
      dataKey.fill(0);
      const origin = this.current ? 'lost' : 'boot';
      await this.call((redis) =>
        redis.eval(
          INIT_SCRIPT,
          1,
          KEYS.state,
          String(epoch),
          wrapped.toString('base64'),
          String(this.highestSeq),
          origin,
        ),
      );
      state = await this.call((redis) => redis.eval(LOAD_SCRIPT, 1, KEYS.state));
      if (state === null) throw new ClusterUnavailableError();
    }
    const [epochText, wrapped, ivPrefix, startSeq, lockdown, origin, cleared, lastPanicAt, panics] =
      state as string[];
    const epoch = Number(epochText);
    this.panics = Number(panics);
    this.lastPanic = lastPanicAt === '' ? null : lastPanicAt;
    const wasLocked = this.lockdownFlag;
    this.lockdownFlag = lockdown === '1';
    if (this.current && this.current.cipher.epoch === epoch) {
      if (wasLocked && !this.lockdownFlag) {
        const at = new Date().toISOString();
        for (const listener of this.listeners) listener.resumed(at);
      }
      return;
    }
    let key: Buffer;
    try {
      key = unwrapDataKey(this.kek, Buffer.from(wrapped, 'base64'), epoch);
    } catch {
      throw new ConfigurationError([
        'The epoch key in Redis was wrapped under another REDTAIL_CLUSTER_KEK: every node needs the same KEK',
      ]);
    }
    const previous = this.current;
    this.current = {
      cipher: new BlockCipher(epoch, key, Number(ivPrefix)),
      pseudonymKey: pseudonymKeyOf(key),
    };
    this.destroyKey(previous);
    this.epochStart = Number(startSeq);
    if (!previous) return;
    const reason = origin === 'panic' && epoch > previous.cipher.epoch ? 'panic' : 'store-lost';
    this.logger.warn(`epoch ${epoch} (${reason})`);
    const change = {
      epoch,
      cleared: reason === 'panic' ? Number(cleared) : 0,
      lockdown: this.lockdownFlag,
      at: reason === 'panic' && lastPanicAt ? lastPanicAt : new Date().toISOString(),
      reason,
    } as const;
    for (const listener of this.listeners) listener.epochChanged(change);
  }

  /** Overwrites an epoch's key material: nothing sealed under it opens here again. */
  private destroyKey(key: EpochKey | undefined): void {
    key?.cipher.destroy();
    key?.pseudonymKey.fill(0);
  }
}

function redisOptions(): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    // Keep trying forever, never faster than every half second: a restarted Redis is found again.
    retryStrategy: (times) => Math.min(times * 100, 500),
  };
}

/** Connection errors surface as `ready` turning false and as 503s; the event itself needs no log line. */
function quiet(redis: Redis): Redis {
  redis.on('error', () => undefined);
  return redis;
}

function isScriptError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name !== 'ReplyError';
}
