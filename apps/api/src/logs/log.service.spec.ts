import { HttpException } from '@nestjs/common';
import type { LogEntry, MaskCounts, PanicEvent } from '@redtail/contracts';
import { Env } from '../app/env';
import { CryptoService } from './crypto.service';
import { BroadcastSink, LogBroadcaster } from './log-broadcaster';
import { CompiledFilter } from './log-filter';
import { LogMasker } from './log-masker';
import { LogService } from './log.service';
import { LogStore } from './log.store';
import { MetricsService } from './metrics.service';

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
  panics: PanicEvent[] = [];
  deliver(entries: LogEntry[]) {
    this.delivered.push(entries);
  }
  panicked(event: PanicEvent) {
    this.panics.push(event);
  }
  resumed() {
    return undefined;
  }
}

function setup(overrides: Partial<Env> = {}) {
  const env = Object.assign(
    new Env(),
    { LOG_MAX_ENTRIES: 1000, LOG_MAX_BYTES: 1024 * 1024 },
    overrides,
  );
  const store = new LogStore({ maxEntries: env.LOG_MAX_ENTRIES, maxBytes: env.LOG_MAX_BYTES });
  const crypto = new CryptoService();
  const metrics = new MetricsService();
  const masker = new FakeMasker();
  const broadcaster = new LogBroadcaster();
  const sink = new RecordingSink();
  broadcaster.attach(sink);
  const service = new LogService(store, crypto, metrics, masker, broadcaster, env);
  return { service, store, crypto, masker, sink };
}

const all = new CompiledFilter({});
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function statusOf(action: () => unknown): number | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof HttpException ? error.getStatus() : -1;
  }
  return undefined;
}

describe('LogService', () => {
  it('masks before storing and returns id, seq and mask counts', () => {
    const { service } = setup();
    const result = service.ingest({
      level: 'info',
      message: 'login by jane@example.com',
      context: { email: 'joe@example.com' },
    });
    expect(result).toEqual({ id: '1-1', seq: 1, masked: { EMAIL: 2 } });
    expect(service.get('1-1')).toMatchObject({
      message: 'login by [EMAIL]',
      context: { email: '[EMAIL]' },
      level: 'info',
      service: 'default',
    });
  });

  it('stores only ciphertext', async () => {
    const { service, store } = setup();
    service.ingest({ level: 'info', message: 'order 12345 shipped' });
    await nextTurn();
    expect(store.size).toBe(1);
    const block = store.blockAt(store.locationAt(0).blockOffset);
    expect(block.includes('order 12345')).toBe(false);
  });

  it('seals the entries accepted during one turn together on the next turn', async () => {
    const { service, store, crypto } = setup();
    const seal = jest.spyOn(crypto, 'seal');
    service.ingest({ level: 'info', message: 'one' });
    service.ingest({ level: 'info', message: 'two' });
    service.ingestBatch([
      { level: 'info', message: 'three' },
      { level: 'info', message: 'four' },
    ]);
    expect(seal).not.toHaveBeenCalled();
    expect(store.size).toBe(0);
    await nextTurn();
    expect(seal).toHaveBeenCalledTimes(1);
    expect(store.size).toBe(4);
  });

  it('seals pending entries before any read, so an entry is readable as soon as it is accepted', () => {
    const { service } = setup();
    const { id } = service.ingest({ level: 'warn', message: 'disk almost full' });
    expect(service.get(id).message).toBe('disk almost full');
    expect(service.list({ filter: all }).entries.map((entry) => entry.message)).toEqual([
      'disk almost full',
    ]);
    expect(service.metricsSnapshot().storedEntries).toBe(1);
  });

  it('discards entries not yet sealed on panic instead of sealing them under the new key', async () => {
    const { service, store, crypto } = setup();
    service.ingest({ level: 'info', message: 'before the panic' });
    const seal = jest.spyOn(crypto, 'seal');
    const event = service.panic();
    await nextTurn();
    expect(event.cleared).toBe(1);
    expect(seal).not.toHaveBeenCalled();
    expect(store.size).toBe(0);
    expect(service.list({ filter: all }).entries).toEqual([]);
  });

  it('files entries from a service-bound key under that service', () => {
    const { service } = setup();
    service.ingest({ level: 'info', message: 'x', service: 'spoofed' }, 'billing');
    expect(service.get('1-1').service).toBe('billing');
  });

  it('keeps the good items of a batch and reports the bad ones by index', () => {
    const { service } = setup();
    const result = service.ingestBatch([
      { level: 'info', message: 'one' },
      { level: 'nope', message: 'two' },
      { level: 'warn', message: 'three' },
    ]);
    expect(result).toEqual({
      accepted: 2,
      rejected: 1,
      ids: ['1-1', '1-2'],
      errors: [{ index: 1, field: 'level', reason: expect.stringContaining('unknown level') }],
    });
    expect(service.metricsSnapshot()).toMatchObject({ totalReceived: 2, rejected: 1 });
  });

  it('reads NDJSON, where a malformed line fails alone', () => {
    const { service } = setup();
    const result = service.ingestBatch(
      '{"level":"info","message":"a"}\n{oops\n\n{"level":30,"msg":"b"}\n',
    );
    expect(result.accepted).toBe(2);
    expect(result.errors).toEqual([{ index: 1, reason: 'malformed JSON' }]);
  });

  it('refuses batches over LOG_MAX_BATCH with 413', () => {
    const { service } = setup({ LOG_MAX_BATCH: 2 });
    const batch = Array.from({ length: 3 }, () => ({ level: 'info', message: 'x' }));
    expect(statusOf(() => service.ingestBatch(batch))).toBe(413);
  });

  it('cuts long messages after masking, marks and counts them', () => {
    const { service } = setup({ LOG_MAX_MESSAGE: 100 });
    service.ingest({ level: 'info', message: 'é'.repeat(200) });
    const entry = service.get('1-1');
    expect(entry.truncated).toBe(true);
    expect(Buffer.byteLength(entry.message)).toBeLessThanOrEqual(100);
    expect(entry.message.endsWith('[truncated]')).toBe(true);
    expect(service.metricsSnapshot().truncated).toBe(1);
  });

  it('pages newest first with filters and a cursor', () => {
    const { service } = setup();
    service.ingestBatch(
      Array.from({ length: 10 }, (_, i) => ({
        level: i % 2 ? 'error' : 'info',
        message: `event ${i}`,
        service: i < 5 ? 'a' : 'b',
      })),
    );
    const errors = new CompiledFilter({ minLevel: 4 });
    const first = service.list({ limit: 3, filter: errors });
    expect(first.entries.map((e) => e.message)).toEqual(['event 9', 'event 7', 'event 5']);
    const second = service.list({ limit: 3, before: first.nextBefore ?? 0, filter: errors });
    expect(second.entries.map((e) => e.message)).toEqual(['event 3', 'event 1']);
    expect(second.nextBefore).toBeNull();
    const text = new CompiledFilter({ q: 'EVENT 4', services: ['a'] });
    expect(service.list({ filter: text }).entries.map((e) => e.seq)).toEqual([5]);
  });

  it('returns an entry with its neighbours', () => {
    const { service } = setup();
    service.ingestBatch(Array.from({ length: 10 }, (_, i) => ({ level: 'info', message: `${i}` })));
    const context = service.context('1-5', 2);
    expect(context.before.map((e) => e.seq)).toEqual([3, 4]);
    expect(context.target.seq).toBe(5);
    expect(context.after.map((e) => e.seq)).toEqual([6, 7]);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', () => {
    const { service } = setup();
    expect(statusOf(() => service.get('1-99'))).toBe(404);
    expect(statusOf(() => service.get('nope'))).toBe(400);
  });

  it('broadcasts what one turn accepted as one batch on the next turn', async () => {
    const { service, sink } = setup();
    service.ingest({ level: 'info', message: 'a' });
    service.ingest({ level: 'info', message: 'b' });
    expect(sink.delivered).toHaveLength(0);
    await nextTurn();
    expect(sink.delivered.map((batch) => batch.map((e) => e.message))).toEqual([['a', 'b']]);
  });

  it('numbers and stores entries accepted while nobody listens, and backfills them later', async () => {
    const { service, sink } = setup({ LOG_MAX_BYTES: 2048 });
    sink.listening = false;
    const result = service.ingestBatch([
      { level: 'info', message: 'one jane@example.com' },
      { level: 'info', message: 'x'.repeat(4000) },
      { level: 'warn', message: 'two' },
    ]);
    expect(result).toMatchObject({ accepted: 2, ids: ['1-1', '1-2'] });
    expect(result.errors).toEqual([{ index: 1, reason: 'entry is larger than LOG_MAX_BYTES' }]);
    expect(service.ingest({ level: 'info', message: 'three' })).toEqual({
      id: '1-3',
      seq: 3,
      masked: {},
    });
    await nextTurn();
    expect(sink.delivered).toHaveLength(0);
    sink.listening = true;
    const backfill = service.replay(all, {}).entries;
    expect(backfill.map((e) => [e.id, e.message])).toEqual([
      ['1-1', 'one [EMAIL]'],
      ['1-2', 'two'],
      ['1-3', 'three'],
    ]);
    service.ingest({ level: 'info', message: 'four' });
    await nextTurn();
    expect(sink.delivered.map((batch) => batch.map((e) => e.id))).toEqual([['1-4']]);
  });

  it('replays exactly what came after a cursor and reports evicted ones as missed', async () => {
    const { service } = setup({ LOG_MAX_ENTRIES: 5 });
    service.ingestBatch(Array.from({ length: 8 }, (_, i) => ({ level: 'info', message: `${i}` })));
    await nextTurn();
    expect(service.replay(all, { afterSeq: 5 }).entries.map((e) => e.seq)).toEqual([6, 7, 8]);
    expect(service.replay(all, { afterSeq: 1 })).toMatchObject({ missed: 2 });
  });

  it('leaves entries not yet broadcast out of a backfill, so none arrives twice', () => {
    const { service } = setup();
    service.ingest({ level: 'info', message: 'pending' });
    expect(service.replay(all, {}).entries).toHaveLength(0);
  });

  it('wipes the store, rotates the key and resets metrics on panic', async () => {
    const { service, store, masker, crypto, sink } = setup();
    service.ingest({ level: 'info', message: 'a' });
    const event = service.panic(true);
    expect(event).toMatchObject({ epoch: 2, cleared: 1, lockdown: true });
    expect(store.size).toBe(0);
    expect(masker.pseudonymKey).toBe(crypto.pseudonymKey);
    expect(service.metricsSnapshot()).toMatchObject({ totalReceived: 0, panicCount: 1, epoch: 2 });
    expect(sink.panics).toEqual([event]);
    await nextTurn();
    expect(sink.delivered).toHaveLength(0);
    expect(statusOf(() => service.ingest({ level: 'info', message: 'b' }))).toBe(503);
    service.resume();
    expect(service.ingest({ level: 'info', message: 'b' }).id).toBe('2-2');
    expect(statusOf(() => service.get('1-1'))).toBe(404);
  });
});
