import { AUDIT_CAPACITY, AUDIT_FOLD_MS, AuditService } from './audit.service';

describe('AuditService', () => {
  afterEach(() => jest.useRealTimers());

  it('lists events newest first with time, actor and address', () => {
    const audit = new AuditService();
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

  it('folds repeats of the same event into one entry with a count', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const audit = new AuditService();
    for (let i = 0; i < 500; i++) audit.record({ type: 'auth-failed', address: '10.0.0.9' });
    jest.advanceTimersByTime(5_000);
    audit.record({ type: 'auth-failed', address: '10.0.0.9' });
    expect(audit.list()).toEqual([
      expect.objectContaining({
        count: 501,
        at: '2030-01-01T00:00:00.000Z',
        lastAt: '2030-01-01T00:00:05.000Z',
      }),
    ]);
    jest.advanceTimersByTime(AUDIT_FOLD_MS);
    audit.record({ type: 'auth-failed', address: '10.0.0.9' });
    expect(audit.list()).toHaveLength(2);
  });

  it('keeps at most AUDIT_CAPACITY events, dropping the oldest', () => {
    const audit = new AuditService();
    for (let i = 0; i < AUDIT_CAPACITY + 10; i++) {
      audit.record({ type: 'forbidden', actor: `key-${i}` });
    }
    const events = audit.list();
    expect(events).toHaveLength(AUDIT_CAPACITY);
    expect(events[0].actor).toBe(`key-${AUDIT_CAPACITY + 9}`);
    expect(events.at(-1)?.actor).toBe('key-10');
  });

  it('hands out copies so callers cannot rewrite the trail', () => {
    const audit = new AuditService();
    audit.record({ type: 'panic', actor: 'ops' });
    audit.list()[0].actor = 'someone-else';
    expect(audit.list()[0].actor).toBe('ops');
  });
});
