import { MetricsService } from './metrics.service';

const context = { storedEntries: 0, storedBytes: 0, epoch: 1, lockdown: false };

describe('MetricsService', () => {
  let now: number;
  let metrics: MetricsService;

  beforeEach(() => {
    now = 1_700_000_000_000;
    metrics = new MetricsService(() => now);
  });

  it('counts entries per level, service and mask type', () => {
    metrics.recordAccepted('info', 'api', { EMAIL: 2 }, false);
    metrics.recordAccepted('error', 'api', { EMAIL: 1, IPV4: 1 }, true);
    metrics.recordRejected(3);
    const snapshot = metrics.snapshot(context);
    expect(snapshot.totalReceived).toBe(2);
    expect(snapshot.perLevel).toMatchObject({ info: 1, error: 1, warn: 0 });
    expect(snapshot.perService).toEqual({ api: 2 });
    expect(snapshot.maskedPerType).toEqual({ EMAIL: 3, IPV4: 1 });
    expect(snapshot.truncated).toBe(1);
    expect(snapshot.rejected).toBe(3);
    expect(snapshot.lastLogAt).toBe(new Date(now).toISOString());
  });

  it('reports the last whole second and the mean of the last minute', () => {
    for (let i = 0; i < 30; i += 1) metrics.recordAccepted('info', 'api', {}, false);
    now += 1000;
    expect(metrics.snapshot(context).rate.lastSecond).toBe(30);
    expect(metrics.snapshot(context).rate.lastMinute).toBe(0.5);
    now += 61_000;
    expect(metrics.snapshot(context).rate).toMatchObject({ lastSecond: 0, lastMinute: 0 });
    expect(metrics.snapshot(context).rate.history).toHaveLength(60);
  });

  it('caps the services it names and sums the rest under (other)', () => {
    for (let i = 0; i < 25; i += 1) metrics.recordAccepted('info', `service-${i}`, {}, false);
    const perService = metrics.snapshot(context).perService;
    expect(Object.keys(perService)).toHaveLength(21);
    expect(perService['(other)']).toBe(5);
  });

  it('resets counters on panic but keeps the panic count and time', () => {
    metrics.recordAccepted('info', 'api', { EMAIL: 1 }, false);
    metrics.recordEvicted(4);
    metrics.recordPanic();
    const snapshot = metrics.snapshot({ ...context, epoch: 2 });
    expect(snapshot).toMatchObject({
      totalReceived: 0,
      evicted: 0,
      maskedPerType: {},
      perService: {},
      panicCount: 1,
      lastPanicAt: new Date(now).toISOString(),
      epoch: 2,
    });
  });
});
