import type { IngestDoor, LogLevel, MaskCounts } from '@redtail/contracts';
import { MetricsService } from './metrics.service';
import type { AcceptedCounts } from './ports/counters';
import type { EpochState } from './ports/sealer';

const epoch: EpochState = {
  epoch: 1,
  tag: 'tag-of-epoch-one',
  startSeq: 1,
  lockdown: false,
  panicCount: 0,
  lastPanicAt: null,
};
const context = { storedEntries: 0, storedBytes: 0, epoch };

function one(
  level: LogLevel,
  service: string,
  masked: MaskCounts,
  truncated: boolean,
  door: IngestDoor = 'http',
): AcceptedCounts {
  return {
    total: 1,
    perLevel: { [level]: 1 },
    perService: new Map([[service, 1]]),
    perDoor: { [door]: 1 },
    masked,
    truncated: truncated ? 1 : 0,
    at: 0,
  };
}

describe('MetricsService', () => {
  let now: number;
  let metrics: MetricsService;

  beforeEach(() => {
    now = 1_700_000_000_000;
    metrics = new MetricsService(() => now);
  });

  it('counts entries per level, service and mask type', () => {
    metrics.recordAccepted(one('info', 'api', { EMAIL: 2 }, false));
    metrics.recordAccepted(one('error', 'api', { EMAIL: 1, IPV4: 1 }, true, 'otlp'));
    metrics.recordRejected(3);
    const snapshot = metrics.snapshot(context);
    expect(snapshot.totalReceived).toBe(2);
    expect(snapshot.perLevel).toMatchObject({ info: 1, error: 1, warn: 0 });
    expect(snapshot.perService).toEqual({ api: 2 });
    expect(snapshot.maskedPerType).toEqual({ EMAIL: 3, IPV4: 1 });
    expect(snapshot.truncated).toBe(1);
    expect(snapshot.perDoor).toEqual({ http: 1, otlp: 1 });
    expect(snapshot.rejected).toBe(3);
    expect(snapshot.lastLogAt).toBe(new Date(now).toISOString());
  });

  it('reports the last whole second and the mean of the last minute', () => {
    for (let i = 0; i < 30; i += 1) metrics.recordAccepted(one('info', 'api', {}, false));
    now += 1000;
    expect(metrics.snapshot(context).rate.lastSecond).toBe(30);
    expect(metrics.snapshot(context).rate.lastMinute).toBe(0.5);
    now += 61_000;
    expect(metrics.snapshot(context).rate).toMatchObject({ lastSecond: 0, lastMinute: 0 });
    expect(metrics.snapshot(context).rate.history).toHaveLength(60);
  });

  it('caps the services it names and sums the rest under (other)', () => {
    for (let i = 0; i < 25; i += 1) metrics.recordAccepted(one('info', `service-${i}`, {}, false));
    const perService = metrics.snapshot(context).perService;
    expect(Object.keys(perService)).toHaveLength(21);
    expect(perService['(other)']).toBe(5);
  });

  it('starts over in a new epoch and reports the panics the sealer counted', () => {
    metrics.recordAccepted(one('info', 'api', { EMAIL: 1 }, false));
    metrics.recordEvicted(4);
    metrics.reset();
    const lastPanicAt = new Date(now).toISOString();
    const snapshot = metrics.snapshot({
      ...context,
      epoch: { ...epoch, epoch: 2, panicCount: 1, lastPanicAt },
    });
    expect(snapshot).toMatchObject({
      totalReceived: 0,
      evicted: 0,
      maskedPerType: {},
      perService: {},
      perDoor: {},
      panicCount: 1,
      lastPanicAt,
      epoch: 2,
    });
  });
});
