import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { LogHistogram } from '@redtail/contracts';
import { entries, entry, provideFakeLogSocket } from '../../testing/fake-log-socket';
import { LogStream } from '../logs/log-stream';
import { Clock } from '../shared/clock';
import { BUCKETS, emptyCounts, liveWindow, total, type LevelCounts } from './volume-buckets';
import { VolumeStore } from './volume-store';

/** `entry(seq)` is stamped 2026-01-02 03:04:05 plus seq milliseconds. */
const ENTRY_TIME = Date.UTC(2026, 0, 2, 3, 4, 5);

function setUp() {
  const fake = provideFakeLogSocket();
  const now = signal(ENTRY_TIME + 1_000);
  TestBed.configureTestingModule({
    providers: [
      ...fake.providers,
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: Clock, useValue: { now } },
      VolumeStore,
    ],
  });
  const stream = TestBed.inject(LogStream);
  const store = TestBed.inject(VolumeStore);
  const http = TestBed.inject(HttpTestingController);
  stream.connect('t');
  const socket = () => fake.sockets[fake.sockets.length - 1];
  return { stream, store, http, socket, frames: fake.frames, now };
}

/** The server's answer: `counts` in the bucket holding the entries, empty elsewhere. */
function histogramFor(since: number, until: number, counts: Partial<LevelCounts>): LogHistogram {
  const bucketMs = (until - since) / BUCKETS;
  const holding = Math.floor((ENTRY_TIME - since) / bucketMs);
  return {
    from: since,
    to: until,
    bucketMs,
    complete: true,
    buckets: Array.from({ length: BUCKETS }, (_, index) => ({
      start: since + index * bucketMs,
      counts: { ...emptyCounts(), ...(index === holding ? counts : {}) },
    })),
  };
}

function answerHistogram(http: HttpTestingController, counts: Partial<LevelCounts>) {
  const call = http.expectOne((request) => request.url === 'logs/histogram');
  const since = Date.parse(call.request.params.get('since') ?? '');
  const until = Date.parse(call.request.params.get('until') ?? '');
  call.flush(histogramFor(since, until, counts));
  return { since, until, params: call.request.params };
}

const shown = (store: VolumeStore) =>
  (store.volume()?.counts ?? []).map(total).reduce((a, b) => a + b, 0);

describe('VolumeStore', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for the live window once the subscription answers, with the live filter', () => {
    const { stream, http, socket, frames } = setUp();
    stream.setFilter({ levels: ['error'] });
    TestBed.tick();
    http.expectNone((request) => request.url === 'logs/histogram');

    socket().connectWith(entries(1, 3));
    frames.run();
    TestBed.tick();
    const { since, until, params } = answerHistogram(http, { error: 3 });
    expect({ since, until }).toEqual(liveWindow(ENTRY_TIME + 1_000));
    expect(params.get('levels')).toBe('error');
    expect(params.get('buckets')).toBe(String(BUCKETS));
  });

  it('adds lines that arrive after the histogram, and not those it already counted', () => {
    const { store, http, socket, frames, now } = setUp();
    socket().connectWith(entries(1, 3));
    frames.run();
    TestBed.tick();
    answerHistogram(http, { info: 3 });
    TestBed.tick();
    expect(shown(store)).toBe(3);

    socket().deliver([entry(4), entry(5, { level: 'error' })]);
    frames.run();
    TestBed.tick();
    // Counted at once, drawn with the clock's next tick: not at every render of a flood.
    expect(shown(store)).toBe(3);
    now.update((time) => time + 1_000);
    TestBed.tick();
    expect(shown(store)).toBe(5);
    expect(store.volume()?.counts.some((counts) => counts.error === 1)).toBe(true);
  });

  it('counts a line stamped just past the window before the clock ticks over', () => {
    const { store, http, socket, frames, now } = setUp();
    socket().connectWith([]);
    frames.run();
    TestBed.tick();
    const { until } = answerHistogram(http, {});
    TestBed.tick();

    // The clock still reads a moment before the window's end; the line is a moment after it.
    now.set(until - 200);
    const late = entry(1, { timestamp: new Date(until + 300).toISOString() });
    const skewed = entry(2, { timestamp: new Date(until + 3_600_000).toISOString() });
    socket().deliver([late, skewed]);
    frames.run();
    TestBed.tick();
    expect(shown(store)).toBe(1);
    expect(store.volume()?.counts.at(-1)?.info).toBe(1);
  });

  it('does not count a resume replay twice when the histogram answers before the replay is drawn', () => {
    const { stream, store, http, socket, frames } = setUp();
    socket().connectWith(entries(1, 3));
    frames.run();
    TestBed.tick();
    answerHistogram(http, { info: 3 });

    stream.pauseForRange(ENTRY_TIME - 60_000, ENTRY_TIME + 60_000);
    http
      .expectOne((request) => request.url === 'logs')
      .flush({ entries: entries(1, 3), nextBefore: null });
    TestBed.tick();
    answerHistogram(http, { info: 3 });

    stream.backToLive();
    // The replay is acknowledged but waits for the next animation frame to be drawn.
    socket()
      .lastSubscription()
      .ack({ ok: true, entries: entries(4, 6), missed: 0, epoch: 1, lockdown: false });
    TestBed.tick();
    answerHistogram(http, { info: 6 });
    frames.run();
    TestBed.tick();
    expect(shown(store)).toBe(6);
  });

  it('keeps a past range as the server counted it and does not roll it', () => {
    const { stream, store, http, socket, frames, now } = setUp();
    socket().connectWith([]);
    frames.run();
    TestBed.tick();
    answerHistogram(http, {});

    const since = ENTRY_TIME - 60_000;
    stream.pauseForRange(since, ENTRY_TIME + 60_000);
    http.expectOne((request) => request.url === 'logs').flush({ entries: [], nextBefore: null });
    TestBed.tick();
    const asked = answerHistogram(http, { warn: 2 });
    expect(asked.since).toBe(since);
    TestBed.tick();

    now.set(ENTRY_TIME + 3_600_000);
    TestBed.tick();
    expect(store.volume()?.from).toBe(since);
    expect(shown(store)).toBe(2);
  });

  it('rolls the live window forward with the clock', () => {
    const { store, http, socket, frames, now } = setUp();
    socket().connectWith(entries(1, 2));
    frames.run();
    TestBed.tick();
    const { since } = answerHistogram(http, { info: 2 });
    TestBed.tick();

    now.set(ENTRY_TIME + 16 * 60_000);
    TestBed.tick();
    expect(store.volume()?.from).toBeGreaterThan(since);
    expect(shown(store)).toBe(0);
  });

  it('says so when the histogram cannot be loaded', () => {
    const { store, http, socket, frames } = setUp();
    socket().connectWith([]);
    frames.run();
    TestBed.tick();
    http
      .expectOne((request) => request.url === 'logs/histogram')
      .flush('down', { status: 503, statusText: 'Service Unavailable' });
    expect(store.failed()).toBe(true);
    expect(store.volume()).toBeNull();
  });
});
