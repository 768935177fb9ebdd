import type { LogEntry, LogHistogram, LogLevel } from '@redtail/contracts';
import {
  addEntries,
  bucketIndex,
  bucketSpan,
  bucketsEnd,
  emptyCounts,
  fromHistogram,
  liveWindow,
  rollTo,
  total,
  type VolumeBuckets,
} from './volume-buckets';

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);

function entry(seq: number, level: LogLevel, time: number): LogEntry {
  return {
    id: `1-${seq}`,
    seq,
    level,
    service: 'api',
    message: 'm',
    timestamp: new Date(time).toISOString(),
    receivedAt: new Date(time).toISOString(),
  } as LogEntry;
}

function volume(buckets: number, bucketMs = 1000, from = T0): VolumeBuckets {
  return { from, bucketMs, counts: Array.from({ length: buckets }, emptyCounts) };
}

describe('liveWindow', () => {
  it('ends with the whole bucket that holds now', () => {
    const now = T0 + 7_500;
    expect(liveWindow(now, 60_000, 60)).toEqual({ since: T0 + 8_000 - 60_000, until: T0 + 8_000 });
  });

  it('on a bucket boundary, starts a new bucket rather than ending at now', () => {
    expect(liveWindow(T0, 60_000, 60).until).toBe(T0 + 1_000);
  });
});

describe('fromHistogram', () => {
  it('keeps the server buckets and fills levels it left out', () => {
    const histogram: LogHistogram = {
      from: T0,
      to: T0 + 2000,
      bucketMs: 1000,
      complete: true,
      buckets: [
        { start: T0, counts: { ...emptyCounts(), info: 3 } },
        { start: T0 + 1000, counts: { error: 1 } as LogHistogram['buckets'][0]['counts'] },
      ],
    };
    const result = fromHistogram(histogram);
    expect(result.from).toBe(T0);
    expect(bucketsEnd(result)).toBe(T0 + 2000);
    expect(result.counts[1]).toEqual({ ...emptyCounts(), error: 1 });
    expect(total(result.counts[0])).toBe(3);
  });
});

describe('bucketIndex', () => {
  it('places the start of a bucket in it and its end in the next', () => {
    const v = volume(3);
    expect(bucketIndex(v, T0)).toBe(0);
    expect(bucketIndex(v, T0 + 999)).toBe(0);
    expect(bucketIndex(v, T0 + 1000)).toBe(1);
  });

  it('is -1 before, after and for an unreadable time', () => {
    const v = volume(3);
    expect(bucketIndex(v, T0 - 1)).toBe(-1);
    expect(bucketIndex(v, T0 + 3000)).toBe(-1);
    expect(bucketIndex(v, Number.NaN)).toBe(-1);
  });
});

describe('addEntries', () => {
  it('counts each entry in its bucket under its level', () => {
    const v = addEntries(volume(3), [
      entry(1, 'info', T0 + 10),
      entry(2, 'info', T0 + 20),
      entry(3, 'error', T0 + 2500),
    ]);
    expect(v.counts[0].info).toBe(2);
    expect(v.counts[2].error).toBe(1);
    expect(total(v.counts[1])).toBe(0);
  });

  it('leaves out entries outside the window and returns the same object when none fit', () => {
    const before = volume(3);
    const after = addEntries(before, [entry(1, 'warn', T0 - 5), entry(2, 'warn', T0 + 9000)]);
    expect(after).toBe(before);
  });

  it('does not change the buckets it was given', () => {
    const before = volume(2);
    addEntries(before, [entry(1, 'debug', T0)]);
    expect(before.counts[0].debug).toBe(0);
  });
});

describe('rollTo', () => {
  it('is a no-op while now is inside the window', () => {
    const v = volume(3);
    expect(rollTo(v, T0 + 2999)).toBe(v);
  });

  it('drops the oldest buckets and adds empty ones so that now is in the last', () => {
    const v = addEntries(volume(3), [entry(1, 'info', T0), entry(2, 'fatal', T0 + 1500)]);
    const rolled = rollTo(v, T0 + 4200);
    expect(rolled.from).toBe(T0 + 2000);
    expect(bucketIndex(rolled, T0 + 4200)).toBe(2);
    expect(rolled.counts.map(total)).toEqual([0, 0, 0]);

    const once = rollTo(v, T0 + 3000);
    expect(once.from).toBe(T0 + 1000);
    expect(once.counts.map((c) => c.fatal)).toEqual([1, 0, 0]);
  });

  it('starts empty after a gap longer than the window', () => {
    const v = addEntries(volume(3), [entry(1, 'info', T0)]);
    const rolled = rollTo(v, T0 + 60_000);
    expect(rolled.counts).toHaveLength(3);
    expect(rolled.counts.map(total)).toEqual([0, 0, 0]);
    expect(bucketIndex(rolled, T0 + 60_000)).toBe(2);
  });
});

describe('bucketSpan', () => {
  it('covers whole buckets, in either drag direction, with an inclusive end', () => {
    const v = volume(10);
    expect(bucketSpan(v, 2, 4)).toEqual({ since: T0 + 2000, until: T0 + 4999 });
    expect(bucketSpan(v, 4, 2)).toEqual({ since: T0 + 2000, until: T0 + 4999 });
  });

  it('clamps a drag that runs off either edge', () => {
    const v = volume(10);
    expect(bucketSpan(v, -3, 20)).toEqual({ since: T0, until: T0 + 9999 });
  });
});
