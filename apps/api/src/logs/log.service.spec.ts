import { HttpException } from '@nestjs/common';
import {
  type LogEntry,
  type LogFilter,
  type MaskCounts,
  type PanicEvent,
  type ResumeEvent,
  toLiveRow,
} from '@redtail/contracts';
import { RunningRedis, startRedis } from '@redtail/testing';
import { Env } from '../app/env';
import { ClusterCounters } from '../cluster/cluster-counters';
import { ClusterLink } from '../cluster/cluster-link';
import { ClusterSealer } from '../cluster/cluster-sealer';
import { RedisLogStore } from '../cluster/redis-log.store';
import type { BroadcastSink, LiveDelivery } from './broadcast-sink';
import { compileFilter } from './log-filter';
import { LogMasker } from './log-masker';
import { IngestOptions, LogService } from './log.service';
import { ArenaLogStore } from './memory/arena-log.store';
import { LocalSealer } from './memory/local-sealer';
import { SealedArena } from './memory/sealed-arena';
import { MetricsService } from './metrics.service';
import type { LogStore } from './ports/log-store';
import { NoFanOut } from './ports/node-fan-out';
import type { Sealer } from './ports/sealer';
import { scanLimitsOf, ScanScheduler } from './scan-scheduler';

/**
 * The pipeline's behaviour, once, as a table over both backends. The memory rows run in
 * `npm test`, which starts no servers; the cluster test target (`npm run test:cluster`, as in CI)
 * runs this file again with the Redis rows, against a real redis-server and the real scripts.
 */

/** Masks anything that looks like an e-mail address, enough to observe the pipeline. */
class FakeMasker extends LogMasker {
  pseudonymKey: Uint8Array | undefined;

  maskText(text: string, counts: MaskCounts = {}) {
    const value = text.replace(/[^\s"]+@[^\s"]+/g, () => {
      counts['EMAIL'] = (counts['EMAIL'] ?? 0) + 1;
      return '[EMAIL]';
    });
    return { value, counts };
  }

  maskValue<T>(value: T, counts: MaskCounts = {}) {
    const json = this.maskText(JSON.stringify(value), counts).value;
    return { value: JSON.parse(json) as T, counts };
  }

  maskJson<T>(value: T, counts: MaskCounts = {}) {
    return this.maskValue(value, counts);
  }

  setPseudonymKey(key: Uint8Array): void {
    this.pseudonymKey = key;
  }
}

class RecordingSink implements BroadcastSink {
  listening = true;
  delivered: LogEntry[][] = [];
  rows: (readonly string[] | undefined)[] = [];
  rowsWithoutContext: (readonly string[] | undefined)[] = [];
  panics: PanicEvent[] = [];
  resumes: ResumeEvent[] = [];
  deliver(delivery: LiveDelivery) {
    this.delivered.push([...delivery.entries()]);
    this.rows.push(delivery.rows?.(true));
    this.rowsWithoutContext.push(delivery.rows?.(false));
  }
  panicked(event: PanicEvent) {
    this.panics.push(event);
  }
  resumed(event: ResumeEvent) {
    this.resumes.push(event);
  }
}

interface Backend {
  store: LogStore;
  sealer: Sealer;
  counters: MetricsService | ClusterCounters;
  close(): Promise<void>;
}

type BackendFactory = (env: Env) => Promise<Backend>;

const memory: BackendFactory = async (env) => ({
  store: new ArenaLogStore(
    new SealedArena({ maxEntries: env.LOG_MAX_ENTRIES, maxBytes: env.LOG_MAX_BYTES }),
  ),
  sealer: new LocalSealer(),
  counters: new MetricsService(),
  close: async () => undefined,
});

/** Set by the cluster test target (jest.cluster.config.cts), which may start servers. */
const withRedis = process.env['REDTAIL_TEST_REDIS'] === '1';
const KEK = 'ab'.repeat(32);
let redisServer: RunningRedis | undefined;

const redis: BackendFactory = async (env) => {
  redisServer ??= await startRedis();
  const clusterEnv = Object.assign(env, {
    REDIS_URL: redisServer.url,
    REDTAIL_CLUSTER_KEK: KEK,
    REDTAIL_NODE_ID: 'spec',
  });
  const link = await ClusterLink.connect(clusterEnv);
  // Each case starts from an empty cluster: drop what the previous one left, then load afresh.
  await link.redis.flushall();
  await link.close();
  const fresh = await ClusterLink.connect(clusterEnv);
  return {
    store: new RedisLogStore(fresh, clusterEnv),
    sealer: new ClusterSealer(fresh),
    counters: new ClusterCounters(fresh, new MetricsService()),
    close: () => fresh.close(),
  };
};

const backends: [string, BackendFactory][] = [['memory', memory]];
if (withRedis) backends.push(['redis', redis]);

afterAll(async () => {
  await redisServer?.stop();
});

const HTTP: IngestOptions = { door: 'http' };
/** Whose scans these are, for the scheduler's per-key limit. */
const OWNER = 'key:test-viewer';
const all = compileFilter({});
const filter = (parts: LogFilter) => compileFilter(parts);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function statusOf(action: () => unknown): Promise<number | undefined> {
  try {
    await action();
  } catch (error) {
    if (error instanceof HttpException) return error.getStatus();
    throw error;
  }
  return undefined;
}

/** Metrics in a cluster are counted without waiting; give Redis a moment to have them. */
async function settled<T>(read: () => Promise<T> | T, until: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const value = await read();
    if (until(value) || attempt >= 50) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(backends)('LogService on %s', (name, makeBackend) => {
  const open: Backend[] = [];
  /**
   * Memory stores an entry within `ingest`'s first turn, so a read asked for next finds it waiting
   * for the broadcast; Redis stores it a round trip later, so that read runs before the entry
   * exists (and rightly finds nothing): there is no pending broadcast for it to wait behind.
   */
  const itWhenStoredAtOnce = name === 'memory' ? it : it.skip;

  afterEach(async () => {
    for (const backend of open.splice(0)) await backend.close();
  });

  async function setup(overrides: Partial<Env> = {}) {
    const env = Object.assign(
      new Env(),
      { LOG_MAX_ENTRIES: 1000, LOG_MAX_BYTES: 1024 * 1024 },
      overrides,
    );
    const backend = await makeBackend(env);
    open.push(backend);
    const masker = new FakeMasker();
    const sink = new RecordingSink();
    const service = new LogService(
      backend.store,
      backend.sealer,
      backend.counters,
      masker,
      new NoFanOut(),
      env,
      new ScanScheduler(scanLimitsOf(env)),
    );
    service.attach(sink);
    return { service, masker, sink, ...backend };
  }

  it('masks before storing and returns id, seq and mask counts', async () => {
    const { service } = await setup();
    const result = await service.ingest(
      {
        level: 'info',
        message: 'login by jane@example.com',
        context: { email: 'joe@example.com' },
      },
      HTTP,
    );
    expect(result).toEqual({
      id: `${service.epoch}-${result.seq}`,
      seq: result.seq,
      level: 'info',
      masked: { EMAIL: 2 },
    });
    expect(await service.get(result.id)).toMatchObject({
      message: 'login by [EMAIL]',
      context: { email: '[EMAIL]' },
      level: 'info',
      service: 'default',
    });
  });

  it('stores only ciphertext', async () => {
    const { service, store } = await setup();
    const { seq } = await service.ingest({ level: 'info', message: 'order 12345 shipped' }, HTTP);
    const run = await store.read({ after: seq - 1, limit: 1, newest: false }, service.epoch);
    expect(run.length).toBe(1);
    expect(run.blockAt(0).sealed.includes('order 12345')).toBe(false);
  });

  it('stores what one turn accepted as one sealed block, answering once it is stored', async () => {
    const { service, sealer } = await setup();
    const seal = jest.spyOn(sealer, 'seal');
    const answers = Promise.all([
      service.ingest({ level: 'info', message: 'one' }, HTTP),
      service.ingest({ level: 'info', message: 'two' }, HTTP),
    ]);
    const [one, two] = await answers;
    expect(two.seq).toBe(one.seq + 1);
    // Redis numbers each request a round trip later, and the two replies may arrive in two reads.
    expect(name === 'memory' ? [1] : [1, 2]).toContain(seal.mock.calls.length);
    const page = await service.list({ owner: OWNER, filter: all });
    expect(page.entries.map((entry) => entry.message)).toEqual(['two', 'one']);
  });

  it('never stores an entry of an interrupted turn under the new key', async () => {
    const { service } = await setup();
    const pending = service.ingest({ level: 'info', message: 'before the panic' }, HTTP);
    const panicking = service.panic();
    // On one node the turn had not been stored yet: it is refused. Across Redis it may also have
    // been stored just before the panic, which then wiped it.
    expect([undefined, 503]).toContain(await statusOf(() => pending));
    await panicking;
    await nextTurn();
    expect((await service.list({ owner: OWNER, filter: all })).entries).toEqual([]);
  });

  it('files entries from a service-bound key under that service', async () => {
    const { service } = await setup();
    const { id } = await service.ingest(
      { level: 'info', message: 'x', service: 'spoofed' },
      { door: 'http', forcedService: 'billing' },
    );
    expect((await service.get(id)).service).toBe('billing');
  });

  it('keeps the good items of a batch and reports the bad ones by index', async () => {
    const { service } = await setup();
    const result = await service.ingestBatch(
      [
        { level: 'info', message: 'one' },
        { level: 'nope', message: 'two' },
        { level: 'warn', message: 'three' },
      ],
      HTTP,
    );
    const first = Number(result.ids[0].split('-')[1]);
    expect(result).toEqual({
      accepted: 2,
      rejected: 1,
      ids: [`${service.epoch}-${first}`, `${service.epoch}-${first + 1}`],
      errors: [{ index: 1, field: 'level', reason: expect.stringContaining('unknown level') }],
    });
    expect(
      await settled(
        () => service.metricsSnapshot(),
        (snapshot) => snapshot.totalReceived === 2 && snapshot.rejected === 1,
      ),
    ).toMatchObject({ totalReceived: 2, rejected: 1, perDoor: { http: 2 } });
  });

  it('takes entries a door decoded, counting them under that door', async () => {
    const { service } = await setup();
    const result = await service.ingestEntries(
      [
        { level: 'warn', message: 'from otel', service: 'checkout' },
        { level: 'loud', message: 'unknown level' },
      ],
      { door: 'otlp' },
    );
    expect(result).toMatchObject({
      accepted: 1,
      rejected: 1,
      errors: [{ index: 1, field: 'level' }],
    });
    expect(
      await settled(
        () => service.metricsSnapshot(),
        (snapshot) => snapshot.perDoor.otlp === 1,
      ),
    ).toMatchObject({ perDoor: { otlp: 1 } });
  });

  it('reads NDJSON, where a malformed line fails alone', async () => {
    const { service } = await setup();
    const result = await service.ingestBatch(
      '{"level":"info","message":"a"}\n{oops\n\n{"level":30,"msg":"b"}\n',
      HTTP,
    );
    expect(result.accepted).toBe(2);
    expect(result.errors).toEqual([{ index: 1, reason: 'malformed JSON' }]);
  });

  it('refuses batches over LOG_MAX_BATCH with 413', async () => {
    const { service } = await setup({ LOG_MAX_BATCH: 2 });
    const batch = Array.from({ length: 3 }, () => ({ level: 'info', message: 'x' }));
    expect(await statusOf(() => service.ingestBatch(batch, HTTP))).toBe(413);
  });

  it('refuses an entry too large for the store with 413, the same way on every backend', async () => {
    const { service } = await setup({ LOG_MAX_BYTES: 2048 });
    expect(
      await statusOf(() => service.ingest({ level: 'info', message: 'x'.repeat(4000) }, HTTP)),
    ).toBe(413);
    const batch = await service.ingestBatch(
      [
        { level: 'info', message: 'fits' },
        { level: 'info', message: 'x'.repeat(4000) },
      ],
      HTTP,
    );
    expect(batch).toMatchObject({
      accepted: 1,
      errors: [{ index: 1, reason: 'entry is larger than LOG_MAX_BYTES' }],
    });
  });

  it('cuts long messages after masking, marks and counts them', async () => {
    const { service } = await setup({ LOG_MAX_MESSAGE: 100 });
    const { id } = await service.ingest({ level: 'info', message: 'é'.repeat(200) }, HTTP);
    const entry = await service.get(id);
    expect(entry.truncated).toBe(true);
    expect(Buffer.byteLength(entry.message)).toBeLessThanOrEqual(100);
    expect(entry.message.endsWith('[truncated]')).toBe(true);
    expect(
      await settled(
        () => service.metricsSnapshot(),
        (snapshot) => snapshot.truncated === 1,
      ),
    ).toMatchObject({ truncated: 1 });
  });

  it('caps context values and the whole context after masking, marking and counting them', async () => {
    const { service } = await setup({ LOG_MAX_CONTEXT_VALUE: 100, LOG_MAX_CONTEXT: 1024 });
    const context = {
      note: `jane@example.com ${'x'.repeat(300)}`,
      ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'v'.repeat(60)])),
    };
    const { id } = await service.ingest({ level: 'info', message: 'big', context }, HTTP);
    const entry = await service.get(id);
    expect(entry.truncated).toBe(true);
    expect(entry.context?.['note']).toMatch(/^\[EMAIL\] x+… \[truncated\]$/);
    expect(Buffer.byteLength(JSON.stringify(entry.context))).toBeLessThanOrEqual(1024);
    expect(entry.context?.['[truncated]']).toMatch(/more fields over LOG_MAX_CONTEXT/);
    expect(
      await settled(
        () => service.metricsSnapshot(),
        (snapshot) => snapshot.truncated === 1,
      ),
    ).toMatchObject({ truncated: 1 });
  });

  itWhenStoredAtOnce(
    'answers a read asked for while entries wait to be delivered only after viewers have them',
    async () => {
      const { service, sink } = await setup();
      const order: string[] = [];
      const stored = service.ingest({ level: 'info', message: 'live' }, HTTP);
      const page = Promise.resolve(service.list({ owner: OWNER, filter: all })).then((found) => {
        order.push(`read (${found.entries.length} found)`);
      });
      await stored;
      order.push(`delivered ${sink.delivered.flat().length}`);
      await page;
      expect(order).toEqual(['delivered 1', 'read (1 found)']);
    },
  );

  it('refuses a key a scan past REDTAIL_SCANS_PER_KEY in progress with a 429, and no other key', async () => {
    const { service } = await setup({ REDTAIL_SCANS_PER_KEY: 1 });
    void service.ingest({ level: 'info', message: 'live' }, HTTP);
    // The live turn is due, so this read waits for it: it is in progress until then.
    const waiting = service.list({ owner: OWNER, filter: all });
    expect(await statusOf(() => service.list({ owner: OWNER, filter: all }))).toBe(429);
    expect(await statusOf(() => service.replay(all, { owner: OWNER }))).toBe(429);
    // Asking for no backfill reads nothing, so it is never refused.
    expect(await service.replay(all, { owner: OWNER, backfill: 0 })).toEqual({
      entries: [],
      missed: 0,
    });
    expect(await statusOf(() => service.list({ owner: 'key:someone-else', filter: all }))).toBe(
      undefined,
    );
    await waiting;
    expect(await statusOf(() => service.list({ owner: OWNER, filter: all }))).toBe(undefined);
  });

  it('pages newest first with filters and a cursor', async () => {
    const { service } = await setup();
    const { ids } = await service.ingestBatch(
      Array.from({ length: 10 }, (_, i) => ({
        level: i % 2 ? 'error' : 'info',
        message: `event ${i}`,
        service: i < 5 ? 'a' : 'b',
        context: { status: i === 3 ? 500 : 200 },
      })),
      HTTP,
    );
    const errors = filter({ level: 'error' });
    const first = await service.list({ owner: OWNER, limit: 3, filter: errors });
    expect(first.entries.map((e) => e.message)).toEqual(['event 9', 'event 7', 'event 5']);
    const second = await service.list({
      owner: OWNER,
      limit: 3,
      before: first.nextBefore ?? 0,
      filter: errors,
    });
    expect(second.entries.map((e) => e.message)).toEqual(['event 3', 'event 1']);
    expect(second.nextBefore).toBeNull();
    const text = filter({ q: 'EVENT 4', services: ['a'] });
    expect((await service.list({ owner: OWNER, filter: text })).entries.map((e) => e.id)).toEqual([
      ids[4],
    ]);
    const field = filter({ where: ['status=500'] });
    expect(
      (await service.list({ owner: OWNER, filter: field })).entries.map((e) => e.message),
    ).toEqual(['event 3']);
  });

  it('returns an entry with its neighbours', async () => {
    const { service } = await setup();
    const { ids } = await service.ingestBatch(
      Array.from({ length: 10 }, (_, i) => ({ level: 'info', message: `${i}` })),
      HTTP,
    );
    const context = await service.context(ids[4], 2);
    expect(context.before.map((e) => e.message)).toEqual(['2', '3']);
    expect(context.target.message).toBe('4');
    expect(context.after.map((e) => e.message)).toEqual(['5', '6']);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    const { service } = await setup();
    expect(await statusOf(() => service.get(`${service.epoch}-99`))).toBe(404);
    expect(await statusOf(() => service.get('nope'))).toBe(400);
  });

  it('broadcasts what one turn stored as one batch', async () => {
    const { service, sink } = await setup();
    const both = Promise.all([
      service.ingest({ level: 'info', message: 'a' }, HTTP),
      service.ingest({ level: 'info', message: 'b' }, HTTP),
    ]);
    expect(sink.delivered).toHaveLength(0);
    await both;
    const batches = sink.delivered.map((batch) => batch.map((e) => e.message));
    expect(batches.flat()).toEqual(['a', 'b']);
    // Redis numbers each request a round trip later, and the two replies may arrive in two reads
    // (two turns); memory numbers both within this turn.
    if (name === 'memory') expect(batches).toEqual([['a', 'b']]);
  });

  it('gives viewers each entry’s live row, with and without context, as toLiveRow serialises the entry', async () => {
    const { service, sink } = await setup();
    await service.ingestBatch(
      [
        { level: 'warn', service: 'pay"ments', message: 'card 4111 1111 1111 1111 refused' },
        { level: 'info', message: 'at its own time', timestamp: '2026-01-02T03:04:05.678Z' },
        {
          level: 'error',
          message: 'with everything',
          context: { user: { email: 'jane@example.com' }, n: 1 },
          traceId: 'a'.repeat(32),
          spanId: 'b'.repeat(16),
        },
      ],
      HTTP,
    );
    const entries = sink.delivered.flat();
    expect(entries).toHaveLength(3);
    expect(sink.rows.flatMap((rows) => rows ?? [])).toEqual(
      entries.map((entry) => JSON.stringify(toLiveRow(entry))),
    );
    expect(sink.rowsWithoutContext.flatMap((rows) => rows ?? [])).toEqual(
      entries.map((entry) => JSON.stringify(toLiveRow(entry, false))),
    );
  });

  it('stores entries accepted while nobody listens, and backfills them later', async () => {
    const { service, sink } = await setup();
    sink.listening = false;
    const { ids } = await service.ingestBatch(
      [
        { level: 'info', message: 'one jane@example.com' },
        { level: 'warn', message: 'two' },
      ],
      HTTP,
    );
    expect(sink.delivered).toHaveLength(0);
    sink.listening = true;
    const backfill = (await service.replay(all, { owner: OWNER })).entries;
    expect(backfill.map((e) => [e.id, e.message])).toEqual([
      [ids[0], 'one [EMAIL]'],
      [ids[1], 'two'],
    ]);
    const four = await service.ingest({ level: 'info', message: 'four' }, HTTP);
    expect(sink.delivered.map((batch) => batch.map((e) => e.id))).toEqual([[four.id]]);
  });

  it('replays exactly what came after a cursor and reports evicted ones as missed', async () => {
    const { service } = await setup({ LOG_MAX_ENTRIES: 5 });
    const { ids } = await service.ingestBatch(
      Array.from({ length: 8 }, (_, i) => ({ level: 'info', message: `${i}` })),
      HTTP,
    );
    // Eviction is per block: a second batch pushes the first out.
    const more = await service.ingestBatch(
      Array.from({ length: 3 }, (_, i) => ({ level: 'info', message: `more ${i}` })),
      HTTP,
    );
    const seqOf = (id: string) => Number(id.split('-')[1]);
    const cursor = seqOf(more.ids[0]) - 1;
    const replay = await service.replay(all, { owner: OWNER, afterSeq: cursor });
    expect(replay.entries.map((e) => e.id)).toEqual(more.ids);
    // Everything older than the oldest entry kept was evicted: that much is reported missed.
    const fromStart = await service.replay(all, { owner: OWNER, afterSeq: seqOf(ids[0]) - 1 });
    expect(fromStart.missed).toBe(fromStart.entries[0].seq - seqOf(ids[0]));
    expect(fromStart.missed).toBeGreaterThanOrEqual(3);
  });

  it('counts entries per level in time buckets for the histogram', async () => {
    const { service } = await setup();
    const start = Date.parse('2026-12-02T10:00:00Z');
    await service.ingestBatch(
      [
        { level: 'info', message: 'a', timestamp: start + 1_000 },
        { level: 'error', message: 'b', timestamp: start + 2_000 },
        { level: 'info', message: 'c', timestamp: start + 61_000 },
        { level: 'info', message: 'outside', timestamp: start + 600_000 },
      ],
      HTTP,
    );
    const histogram = await service.histogram({
      owner: OWNER,
      filter: all,
      since: start,
      until: start + 120_000,
      buckets: 2,
    });
    expect(histogram).toMatchObject({ from: start, bucketMs: 60_000, complete: true });
    expect(histogram.buckets.map((bucket) => [bucket.counts.info, bucket.counts.error])).toEqual([
      [1, 1],
      [1, 0],
    ]);
    const onlyErrors = await service.histogram({
      owner: OWNER,
      filter: filter({ q: 'b' }),
      since: start,
      until: start + 120_000,
      buckets: 2,
    });
    expect(onlyErrors.buckets.map((bucket) => bucket.counts.error)).toEqual([1, 0]);
  });

  it('wipes the store, rotates the key, resets metrics and locks down on panic', async () => {
    const { service, masker, sealer, sink } = await setup();
    const before = await service.ingest({ level: 'info', message: 'a' }, HTTP);
    const epoch = service.epoch;
    const event = await service.panic(true);
    expect(event).toMatchObject({ epoch: epoch + 1, cleared: 1, lockdown: true, reason: 'panic' });
    expect(masker.pseudonymKey).toBe(sealer.pseudonymKey);
    expect(await service.metricsSnapshot()).toMatchObject({
      totalReceived: 0,
      storedEntries: 0,
      panicCount: 1,
      epoch: epoch + 1,
      lockdown: true,
    });
    expect(sink.panics).toEqual([expect.objectContaining({ epoch: epoch + 1, lockdown: true })]);
    expect(await statusOf(() => service.ingest({ level: 'info', message: 'b' }, HTTP))).toBe(503);
    await service.resume();
    expect(sink.resumes).toHaveLength(1);
    const after = await service.ingest({ level: 'info', message: 'b' }, HTTP);
    expect(after.id).toBe(`${epoch + 1}-${after.seq}`);
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(await statusOf(() => service.get(before.id))).toBe(404);
  });

  it('forgets every entry and count in the same epoch, quietly, when told to forget all', async () => {
    const { service, sink } = await setup();
    const before = await service.ingest({ level: 'warn', message: 'made up' }, HTTP);
    const epoch = service.epoch;

    expect(await service.forgetAll()).toBe(1);
    expect(await service.metricsSnapshot()).toMatchObject({
      totalReceived: 0,
      storedEntries: 0,
      panicCount: 0,
      epoch,
      perLevel: expect.objectContaining({ warn: 0 }),
    });
    expect(sink.panics).toEqual([]);
    expect((await service.list({ owner: OWNER, filter: all })).entries).toEqual([]);
    const after = await service.ingest({ level: 'info', message: 'real' }, HTTP);
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(await statusOf(() => service.get(before.id))).toBe(404);
  });

  it('reports entries wiped by a panic as gone, not as missed', async () => {
    const { service } = await setup();
    const { seq } = await service.ingest({ level: 'info', message: 'a' }, HTTP);
    await service.panic();
    const after = await service.ingest({ level: 'info', message: 'b' }, HTTP);
    const replay = await service.replay(all, { owner: OWNER, afterSeq: seq - 1 });
    expect(replay).toEqual({ entries: [expect.objectContaining({ id: after.id })], missed: 0 });
  });
});
