import type { AuditEvent } from '@redtail/contracts';
import type { Env } from '../app/env';
import { AUDIT_CAPACITY, AuditService, newestFirst } from './audit.service';

const auditWith = (auth: 'on' | 'off') => new AuditService({ REDTAIL_AUTH: auth } as Env);
const withAuth = () => auditWith('on');

describe('AuditService', () => {
  afterEach(() => jest.useRealTimers());

  it('lists events most recent first with time, actor and address', () => {
    const audit = withAuth();
    audit.record({ type: 'panic', actor: 'ops', address: '10.0.0.1', detail: 'POST /logs/panic' });
    audit.record({ type: 'auth-failed', address: '10.0.0.2' });
    const [newest, oldest] = audit.list();
    expect(newest).toMatchObject({ type: 'auth-failed', actor: 'unknown', address: '10.0.0.2' });
    expect(oldest).toMatchObject({
      type: 'panic',
      actor: 'ops',
      detail: 'POST /logs/panic',
      count: 1,
    });
    expect(Date.parse(oldest.at)).not.toBeNaN();
    expect(newest.id).toBeGreaterThan(oldest.id);
  });

  it('folds every repeat of the same type, actor, address and route into one entry, however far apart', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const audit = withAuth();
    for (let i = 0; i < 500; i++) {
      audit.record({ type: 'auth-failed', address: '10.0.0.9', detail: 'GET /logs' });
      audit.record({ type: 'auth-failed', address: '10.0.0.9', detail: 'GET /audit' });
    }
    jest.advanceTimersByTime(6 * 60 * 60 * 1000);
    audit.record({ type: 'auth-failed', address: '10.0.0.9', detail: 'GET /logs' });
    expect(audit.list()).toEqual([
      expect.objectContaining({
        detail: 'GET /logs',
        count: 501,
        at: '2030-01-01T00:00:00.000Z',
        lastAt: '2030-01-01T06:00:00.000Z',
      }),
      expect.objectContaining({ detail: 'GET /audit', count: 500 }),
    ]);
  });

  it.each([
    ['type', { type: 'forbidden' as const }],
    ['actor', { actor: 'bob' }],
    ['address', { address: '10.0.0.2' }],
    ['route', { detail: 'GET /audit' }],
  ])('keeps events that differ in %s apart', (_field, difference) => {
    const audit = withAuth();
    const base = { type: 'rate-limited' as const, actor: 'alice', address: '10.0.0.1' };
    audit.record({ ...base, detail: 'GET /logs' });
    audit.record({ ...base, detail: 'GET /logs', ...difference });
    expect(audit.list()).toHaveLength(2);
  });

  it('never evicts panics and resumes, whatever else happens', () => {
    const audit = withAuth();
    audit.record({ type: 'panic', actor: 'ops', address: '10.0.0.1' });
    audit.record({ type: 'resume', actor: 'ops', address: '10.0.0.1' });
    for (let i = 0; i < 5 * AUDIT_CAPACITY; i++) {
      audit.record({ type: 'auth-failed', address: `198.51.${i >> 8}.${i & 255}` });
      audit.record({ type: 'forbidden', actor: `key-${i}`, address: '10.0.0.2' });
    }
    const types = audit.list().map((event) => event.type);
    expect(types).toContain('panic');
    expect(types).toContain('resume');
  });

  it('gives unauthenticated noise its own budget, so it cannot evict events of known keys', () => {
    const audit = withAuth();
    audit.record({ type: 'forbidden', actor: 'alice', address: '10.0.0.1', detail: 'GET /audit' });
    for (let i = 0; i < AUDIT_CAPACITY + 500; i++) {
      audit.record({ type: 'auth-failed', address: `198.51.${i >> 8}.${i & 255}` });
    }
    const events = audit.list();
    expect(events).toContainEqual(expect.objectContaining({ type: 'forbidden', actor: 'alice' }));
    const noise = events.filter((event) => event.actor === 'unknown');
    expect(noise).toHaveLength(AUDIT_CAPACITY);
    expect(noise.at(-1)?.address).toBe('198.51.1.244');
  });

  it('keeps at most AUDIT_CAPACITY events of known keys, dropping the least recently seen', () => {
    const audit = withAuth();
    for (let i = 0; i < AUDIT_CAPACITY + 10; i++) {
      audit.record({ type: 'forbidden', actor: `key-${i}` });
      // key-0 keeps recurring, so it is never the least recently seen.
      audit.record({ type: 'forbidden', actor: 'key-0' });
    }
    const actors = audit.list().map((event) => event.actor);
    expect(actors).toHaveLength(AUDIT_CAPACITY);
    expect(actors[0]).toBe('key-0');
    expect(actors).toContain(`key-${AUDIT_CAPACITY + 9}`);
    expect(actors).not.toContain('key-10');
    expect(actors).toContain('key-11');
  });

  it('counts every caller as noise when auth is off, since anyone is "anonymous"', () => {
    const audit = auditWith('off');
    audit.record({ type: 'panic', actor: 'anonymous', address: '127.0.0.1' });
    for (let i = 0; i < AUDIT_CAPACITY + 1; i++) {
      audit.record({
        type: 'rate-limited',
        actor: 'anonymous',
        address: `10.0.${i >> 8}.${i & 255}`,
      });
    }
    const events = audit.list();
    expect(events.filter((event) => event.type === 'rate-limited')).toHaveLength(AUDIT_CAPACITY);
    expect(events).toContainEqual(expect.objectContaining({ type: 'panic' }));
  });

  it('hands out copies so callers cannot rewrite the trail', () => {
    const audit = withAuth();
    audit.record({ type: 'panic', actor: 'ops' });
    audit.list()[0].actor = 'someone-else';
    expect(audit.list()[0].actor).toBe('ops');
  });
});

describe('newestFirst', () => {
  const event = (id: number, lastAt: string) => ({ id, lastAt }) as AuditEvent;

  it('orders by latest occurrence, then by id', () => {
    const sorted = [
      event(1, '2030-01-01T00:00:01.000Z'),
      event(3, '2030-01-01T00:00:00.000Z'),
      event(2, '2030-01-01T00:00:01.000Z'),
    ].sort(newestFirst);
    expect(sorted.map((e) => e.id)).toEqual([2, 1, 3]);
  });
});
