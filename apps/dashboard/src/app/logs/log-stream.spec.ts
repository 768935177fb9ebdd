import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { toLiveRow, type MetricsSnapshot, type PanicEvent } from '@redtail/contracts';
import {
  FakeLogSocket,
  ManualFrames,
  entries,
  entry,
  provideFakeLogSocket,
} from '../../testing/fake-log-socket';
import {
  BUSY_LINES_PER_SECOND,
  BUSY_RENDER_GAP_MS,
  RENDER_PACER,
  RenderPacer,
} from './render-pacer';
import { BACKFILL, FRESH_LIMIT, FRESH_WINDOW_MS, LogStream, RANGE_PAGE } from './log-stream';

function setUp(): { stream: LogStream; socket: () => FakeLogSocket; frames: ManualFrames } {
  const fake = provideFakeLogSocket();
  TestBed.configureTestingModule({
    providers: [...fake.providers, provideHttpClient(), provideHttpClientTesting()],
  });
  const stream = TestBed.inject(LogStream);
  return {
    stream,
    socket: () => {
      const socket = fake.sockets.at(-1);
      if (!socket) throw new Error('no socket opened');
      return socket;
    },
    frames: fake.frames,
  };
}

const seqs = (stream: LogStream) => stream.lines().map((line) => line.seq);

describe('LogStream', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('opens the socket with the token and subscribes with the filter and a backfill', () => {
    const { stream, socket } = setUp();
    stream.setFilter({ level: 'warn', q: 'timeout' });
    stream.connect('secret');
    expect(socket().token).toBe('secret');
    expect(stream.connection()).toBe('reconnecting');

    socket().fire('connect');

    expect(stream.connection()).toBe('connected');
    expect(socket().lastSubscription().request).toEqual({
      level: 'warn',
      q: 'timeout',
      backfill: BACKFILL,
      // Nothing on screen reads the context: the live lines come without it.
      withContext: false,
    });
  });

  it('shows the backfill and pushed batches once per animation frame', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith(entries(1, 3));
    socket().deliver(entries(4, 5));
    socket().deliver(entries(6, 6));

    expect(stream.lines()).toEqual([]);
    expect(frames.pending).toBe(1);
    frames.run();
    expect(seqs(stream)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stream.freshFromSeq()).toBe(1);
  });

  it('renders a busy stream on paced frames only, and everything it collected in between', () => {
    let now = 0;
    const fake = provideFakeLogSocket();
    TestBed.configureTestingModule({
      providers: [
        ...fake.providers,
        { provide: RENDER_PACER, useValue: new RenderPacer(() => now) },
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    const stream = TestBed.inject(LogStream);
    stream.connect('secret');
    const socket = fake.sockets[0];
    socket.connectWith();
    const frame = (from: number, to: number) => {
      now += BUSY_RENDER_GAP_MS / 2 + 1;
      socket.deliver(entries(from, to));
      fake.frames.run();
      return stream.lines().at(-1)?.seq;
    };
    const shown = [
      frame(1, BUSY_LINES_PER_SECOND),
      frame(1001, 1400),
      frame(1401, 1800),
      frame(1801, 2200),
    ];
    expect(shown).toEqual([BUSY_LINES_PER_SECOND, BUSY_LINES_PER_SECOND, 1800, 1800]);
    expect(fake.frames.pending).toBe(1);
  });

  it('highlights a frame of a few lines but not a flood of them', () => {
    let now = 0;
    const clock = jest.spyOn(performance, 'now').mockImplementation(() => now);
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith();
    socket().deliver(entries(1, FRESH_LIMIT));
    frames.run();
    expect(stream.freshFromSeq()).toBe(1);
    const highlighted = stream.freshBatch();

    socket().deliver(entries(FRESH_LIMIT + 1, 3 * FRESH_LIMIT));
    frames.run();
    expect(stream.freshFromSeq()).toBe(Infinity);
    expect(stream.freshBatch()).toBe(highlighted);

    // A single line right after the flood is still part of a fast stream; a second later it is not.
    socket().deliver(entries(3 * FRESH_LIMIT + 1, 3 * FRESH_LIMIT + 1));
    frames.run();
    expect(stream.freshFromSeq()).toBe(Infinity);
    now += FRESH_WINDOW_MS;
    socket().deliver(entries(3 * FRESH_LIMIT + 2, 3 * FRESH_LIMIT + 2));
    frames.run();
    expect(stream.freshFromSeq()).toBe(3 * FRESH_LIMIT + 2);
    expect(stream.freshBatch()).toBe(highlighted + 1);
    clock.mockRestore();
  });

  it('trims what is shown when the cap is lowered', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith(entries(1, 150));
    frames.run();
    stream.setCapacity(100);
    expect(stream.lines()).toHaveLength(100);
    expect(stream.droppedByCap()).toBe(50);
  });

  it('shows out-of-order batches from several nodes in seq order, without duplicates after a reconnect', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith(entries(1, 2));
    socket().deliver(entries(5, 6));
    socket().deliver(entries(3, 4));
    frames.run();
    expect(seqs(stream)).toEqual([1, 2, 3, 4, 5, 6]);

    socket().deliver([entry(8)]);
    frames.run();
    socket().deliver([entry(7)]);
    frames.run();
    socket().deliver([entry(10)]);
    frames.run();
    expect(seqs(stream)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10]);
    expect(stream.freshFromSeq()).toBe(10);

    socket().fire('disconnect', 'transport close');
    socket().fire('connect');
    const resume = socket().lastSubscription();
    expect(resume.request).toEqual({ afterSeq: 8, withContext: false });
    socket().deliver([entry(12), entry(10)]);
    resume.ack({ ok: true, entries: entries(9, 11), missed: 0, epoch: 1, lockdown: false });
    frames.run();
    expect(seqs(stream)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('fills the metrics from a fetched snapshot until the socket pushes one', () => {
    const { stream, socket } = setUp();
    stream.connect('secret');
    socket().connectWith([], { epoch: 1 });
    stream.offerMetrics({ epoch: 1, lockdown: true, received: 5 } as unknown as MetricsSnapshot);
    expect(stream.metrics()).toMatchObject({ received: 5 });
    expect(stream.lockdown()).toBe(true);

    const pushed = { epoch: 1, lockdown: false, received: 9 } as unknown as MetricsSnapshot;
    socket().fire('metrics', pushed);
    stream.offerMetrics({ epoch: 1, lockdown: false, received: 5 } as unknown as MetricsSnapshot);
    expect(stream.metrics()).toBe(pushed);
  });

  it('ignores a fetched snapshot from before a panic', () => {
    const { stream, socket } = setUp();
    stream.connect('secret');
    socket().connectWith([], { epoch: 1 });
    socket().fire('panic', { at: '2026-01-02T14:03:07Z', epoch: 2, cleared: 0, lockdown: false });
    stream.offerMetrics({ epoch: 1, lockdown: false } as MetricsSnapshot);
    expect(stream.metrics()).toBeNull();
  });

  it('puts older lines in front of what is shown, only as many as the buffer has room for', () => {
    const { stream, socket, frames } = setUp();
    stream.setCapacity(100);
    stream.connect('secret');
    socket().connectWith(entries(301, 398));
    frames.run();
    expect(stream.historyCursor()).toBe(301);
    expect(stream.historyRoom()).toBe(2);

    const page = entries(290, 305).reverse();
    expect(stream.prependOlder(page)).toBe(2);
    expect(seqs(stream).slice(0, 3)).toEqual([299, 300, 301]);
    expect(stream.historyRoom()).toBe(0);
  });

  it('leaves out history lines the filter does not show', () => {
    const { stream, socket, frames } = setUp();
    stream.setFilter({ services: ['billing', 'auth'] });
    stream.connect('secret');
    socket().connectWith([entry(10, { service: 'auth' })]);
    frames.run();
    const added = stream.prependOlder([
      entry(9, { service: 'checkout' }),
      entry(8, { service: 'billing' }),
    ]);
    expect(added).toBe(1);
    expect(seqs(stream)).toEqual([8, 10]);
  });

  it('reaches back from just past the newest seen line after a clear', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    expect(stream.historyCursor()).toBeNull();
    socket().connectWith(entries(1, 3));
    frames.run();
    stream.clear();
    expect(stream.historyCursor()).toBe(4);
    stream.prependOlder(entries(1, 3).reverse());
    socket().deliver(entries(3, 4));
    frames.run();
    expect(seqs(stream)).toEqual([1, 2, 3, 4]);
  });

  it('starts over when the key epoch changed while it was disconnected', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith(entries(1, 3), { epoch: 1 });
    frames.run();
    socket().fire('disconnect', 'transport close');
    socket().fire('connect');
    socket()
      .lastSubscription()
      .ack({ ok: true, entries: [], missed: 0, epoch: 2, lockdown: false });

    expect(stream.lines()).toEqual([]);
    expect(socket().lastSubscription().request).toEqual({
      backfill: BACKFILL,
      withContext: false,
    });
  });

  it('holds lines while paused, counts them and shows them all on resume', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith(entries(1, 2));
    frames.run();

    stream.pause();
    socket().deliver(entries(3, 5));
    frames.run();
    socket().deliver(entries(6, 7));
    frames.run();
    expect(seqs(stream)).toEqual([1, 2]);
    expect(stream.pending()).toBe(5);

    stream.resume();
    expect(seqs(stream)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(stream.pending()).toBe(0);
    expect(stream.resumeSummary()).toEqual({ arrived: 5, dropped: 0 });
  });

  it('says how many lines that arrived while paused did not fit the buffer', () => {
    const { stream, socket, frames } = setUp();
    stream.setCapacity(100);
    stream.connect('secret');
    socket().connectWith(entries(1, 10));
    frames.run();

    stream.pause();
    socket().deliver(entries(11, 260));
    frames.run();
    expect(stream.pending()).toBe(250);

    stream.resume();
    expect(stream.lines()).toHaveLength(100);
    expect(stream.lines().at(-1)?.seq).toBe(260);
    expect(stream.resumeSummary()).toEqual({ arrived: 250, dropped: 150 });
  });

  it('re-subscribes without a cursor when the filter changes and keeps old-filter lines out', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith(entries(1, 3));
    frames.run();

    stream.setFilter({ services: ['billing'] });
    expect(stream.lines()).toEqual([]);
    const subscription = socket().lastSubscription();
    expect(subscription.request).toEqual({
      services: ['billing'],
      backfill: BACKFILL,
      withContext: false,
    });

    socket().deliver([entry(9, { service: 'checkout' }), entry(10, { service: 'billing' })]);
    subscription.ack({
      ok: true,
      entries: [entry(2, { service: 'billing' })],
      missed: 0,
      epoch: 1,
      lockdown: false,
    });
    frames.run();
    expect(seqs(stream)).toEqual([2, 10]);
  });

  it('asks for context while a column reads it and fills in the lines held without it', () => {
    const { stream, socket, frames } = setUp();
    const http = TestBed.inject(HttpTestingController);
    stream.setFilter({ level: 'info' });
    stream.connect('secret');
    socket().connectWith(entries(1, 2));
    socket().fire('logs', {
      epoch: 1,
      rows: [3, 4].map((seq) => toLiveRow(entry(seq, { context: { n: seq } }), false)),
    });
    frames.run();
    expect(stream.lines().map((line) => line.contextWithheld)).toEqual([
      undefined,
      undefined,
      true,
      true,
    ]);

    stream.setColumnsReadContext(true);
    // Nothing leaves the screen: the live lines resume whole after the last one seen…
    expect(seqs(stream)).toEqual([1, 2, 3, 4]);
    const whole = socket().lastSubscription();
    expect(whole.request).toEqual({ level: 'info', afterSeq: 4 });
    // …and the two held without context are fetched, through the view's filter.
    const page = http.expectOne((request) => request.url === 'logs');
    expect(page.request.params.get('before')).toBe('5');
    expect(page.request.params.get('level')).toBe('info');
    page.flush({
      entries: [4, 3].map((seq) => entry(seq, { context: { n: seq } })),
      nextBefore: null,
    });
    expect(stream.lines().map((line) => line.context)).toEqual([
      undefined,
      undefined,
      { n: 3 },
      { n: 4 },
    ]);
    whole.ack({ ok: true, entries: entries(5, 5), missed: 0, epoch: 1, lockdown: false });
    frames.run();
    expect(seqs(stream)).toEqual([1, 2, 3, 4, 5]);

    stream.setColumnsReadContext(false);
    const bare = socket().lastSubscription();
    expect(bare.request).toEqual({ level: 'info', afterSeq: 5, withContext: false });
    http.expectNone((request) => request.url === 'logs');
  });

  it('drops filled-in lines that arrive after the view started over', () => {
    const { stream, socket, frames } = setUp();
    const http = TestBed.inject(HttpTestingController);
    stream.connect('secret');
    socket().connectWith();
    socket().fire('logs', { epoch: 1, rows: [toLiveRow(entry(1, { context: { n: 1 } }), false)] });
    frames.run();
    stream.setColumnsReadContext(true);
    stream.clear();
    http
      .expectOne((request) => request.url === 'logs')
      .flush({ entries: [entry(1, { context: { n: 1 } })], nextBefore: null });
    expect(stream.lines()).toEqual([]);
  });

  /** Lines received live without their context, then a column that reads it: the lookup is asked. */
  function columnAfterBareLines(seqs: number[]) {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith();
    socket().fire('logs', {
      epoch: 1,
      rows: seqs.map((seq) => toLiveRow(entry(seq, { context: { n: seq } }), false)),
    });
    frames.run();
    stream.setColumnsReadContext(true);
    const lookup = TestBed.inject(HttpTestingController).expectOne(
      (request) => request.url === 'logs',
    );
    return { stream, lookup };
  }

  it('notes the lines the store no longer had as gone, until the view starts over', () => {
    const { stream, lookup } = columnAfterBareLines([1, 2]);
    // Line 1 was evicted: the store's pages end without it.
    lookup.flush({ entries: [entry(2, { context: { n: 2 } })], nextBefore: null });
    expect([...stream.contextGone()]).toEqual(['1-1']);
    expect(stream.lines().map((line) => line.context)).toEqual([undefined, { n: 2 }]);

    stream.clear();
    expect(stream.contextGone().size).toBe(0);
  });

  it('says nothing is gone when a page of the lookup failed', () => {
    const { stream, lookup } = columnAfterBareLines([1]);
    lookup.flush('failed', { status: 500, statusText: 'Internal Server Error' });
    expect(stream.contextGone().size).toBe(0);
    expect(stream.lines()[0].contextWithheld).toBe(true);
  });

  it('keeps the context for a filter with a field condition, which runs on it here too', () => {
    const { stream, socket } = setUp();
    stream.setFilter({ where: ['user.id=u-1'] });
    stream.connect('secret');
    socket().fire('connect');
    expect(socket().lastSubscription().request).not.toHaveProperty('withContext');
    stream.setFilter({ where: ['traceId=abc'] });
    expect(socket().lastSubscription().request).toMatchObject({ withContext: false });
    // Already with context through the filter: a column changes nothing.
    stream.setFilter({ where: ['user.id=u-1'] });
    const subscriptions = socket().subscriptions.length;
    stream.setColumnsReadContext(true);
    expect(socket().subscriptions).toHaveLength(subscriptions);
  });

  it('empties everything and resets counters on a panic from any dashboard', () => {
    const { stream, socket, frames } = setUp();
    stream.setCapacity(100);
    stream.connect('secret');
    socket().connectWith(entries(1, 150));
    frames.run();
    socket().fire('metrics', { lockdown: false } as MetricsSnapshot);
    socket().fire('dropped', { count: 4, reason: 'slow-client' });
    stream.pause();
    socket().deliver(entries(151, 152));
    frames.run();

    const panic: PanicEvent = {
      at: '2026-01-02T14:03:07Z',
      epoch: 2,
      cleared: 152,
      lockdown: true,
    };
    socket().fire('panic', panic);

    expect(stream.panic()).toEqual(panic);
    expect(stream.lines()).toEqual([]);
    expect(stream.pending()).toBe(0);
    expect(stream.droppedByCap()).toBe(0);
    expect(stream.droppedByServer()).toBe(0);
    expect(stream.metrics()).toBeNull();
    expect(stream.lockdown()).toBe(true);

    stream.resume();
    socket().deliver([entry(1, { id: '2-1' })]);
    frames.run();
    expect(seqs(stream)).toEqual([1]);
  });

  it('applies its own panic only once when the broadcast also arrives', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith();
    const panic: PanicEvent = { at: '2026-01-02T14:03:07Z', epoch: 2, cleared: 0, lockdown: false };
    socket().fire('panic', panic);
    socket().deliver([entry(1)]);
    frames.run();
    stream.applyPanic(panic);
    expect(seqs(stream)).toEqual([1]);
  });

  it('reports a refused handshake and stops', () => {
    const { stream, socket } = setUp();
    stream.connect('wrong');
    socket().active = false;
    socket().fire('connect_error', new Error('unknown API key'));
    expect(stream.connection()).toBe('offline');
    expect(stream.refusal()).toBe('unknown API key');
  });

  it('tracks lockdown from metrics and the resumed event', () => {
    const { stream, socket } = setUp();
    stream.connect('secret');
    socket().connectWith();
    socket().fire('metrics', { lockdown: true } as MetricsSnapshot);
    expect(stream.lockdown()).toBe(true);
    socket().fire('resumed', { at: '2026-01-02T14:05:00Z' });
    expect(stream.lockdown()).toBe(false);
  });

  it('clears the screen without asking the server for the same lines again', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith(entries(1, 3));
    frames.run();
    stream.clear();
    expect(stream.lines()).toEqual([]);
    socket().deliver(entries(3, 4));
    frames.run();
    expect(seqs(stream)).toEqual([4]);
  });

  it('closes the socket on disconnect', () => {
    const { stream, socket } = setUp();
    stream.connect('secret');
    socket().connectWith();
    stream.disconnect();
    expect(socket().connected).toBe(false);
    expect(stream.connection()).toBe('offline');
  });

  it('shows a past range from history instead of the live tail, and keeps live lines out', () => {
    const { stream, socket, frames } = setUp();
    stream.setFilter({ services: ['api'] });
    stream.connect('secret');
    socket().connectWith(entries(1, 3, { service: 'api' }));
    frames.run();

    const since = Date.UTC(2026, 0, 2, 3, 0);
    const until = Date.UTC(2026, 0, 2, 4, 0);
    stream.pauseForRange(until, since);
    expect(socket().emitted).toContain('unsubscribe');
    expect(stream.range()).toEqual({ since, until });
    expect(stream.activeFilter).toEqual({ services: ['api'], since, until });
    expect(stream.lines()).toEqual([]);
    expect(stream.loading()).toBe(true);

    const page = TestBed.inject(HttpTestingController).expectOne((r) => r.url === 'logs');
    expect(page.request.params.get('since')).toBe(new Date(since).toISOString());
    expect(page.request.params.get('until')).toBe(new Date(until).toISOString());
    expect(page.request.params.get('limit')).toBe(String(RANGE_PAGE));
    expect(page.request.params.has('before')).toBe(false);
    page.flush({
      entries: [entry(2, { service: 'api' }), entry(1, { service: 'web' })],
      nextBefore: null,
    });
    expect(stream.loading()).toBe(false);
    expect(seqs(stream)).toEqual([2]);

    socket().deliver(entries(4, 5, { service: 'api' }));
    frames.run();
    expect(seqs(stream)).toEqual([2]);
    expect(stream.historyCursor()).toBe(2);
  });

  it('goes back to live after a range without a gap and without duplicates', () => {
    const { stream, socket, frames } = setUp();
    stream.connect('secret');
    socket().connectWith(entries(1, 3));
    frames.run();
    const viewBefore = stream.view();

    stream.pauseForRange(0, Date.UTC(2026, 0, 2));
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url === 'logs')
      .flush({ entries: [entry(1)], nextBefore: null });
    stream.backToLive();
    expect(stream.range()).toBeNull();
    expect(stream.view()).not.toBe(viewBefore);
    expect(seqs(stream)).toEqual([1, 2, 3]);
    expect(stream.loading()).toBe(true);

    const resume = socket().lastSubscription();
    expect(resume.request).toEqual({ afterSeq: 3, withContext: false });
    resume.ack({ ok: true, entries: entries(3, 6), missed: 0, epoch: 1, lockdown: false });
    frames.run();
    expect(stream.loading()).toBe(false);
    expect(seqs(stream)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reloads the range when the filter changes and starts the live tail afresh', () => {
    const { stream, socket, frames } = setUp();
    const http = TestBed.inject(HttpTestingController);
    stream.connect('secret');
    socket().connectWith(entries(1, 3));
    frames.run();
    stream.pauseForRange(0, 1_000);
    http.expectOne((r) => r.url === 'logs').flush({ entries: [], nextBefore: null });

    stream.setFilter({ level: 'error' });
    const reload = http.expectOne((r) => r.url === 'logs');
    expect(reload.request.params.get('level')).toBe('error');
    reload.flush({ entries: [], nextBefore: null });

    stream.backToLive();
    expect(stream.lines()).toEqual([]);
    expect(socket().lastSubscription().request).toEqual({
      level: 'error',
      backfill: BACKFILL,
      withContext: false,
    });
  });

  it('says so when a range cannot be loaded', () => {
    const { stream } = setUp();
    stream.pauseForRange(0, 1_000);
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url === 'logs')
      .flush('down', { status: 503, statusText: 'Service Unavailable' });
    expect(stream.loading()).toBe(false);
    expect(stream.error()).toBe('The lines of this time range could not be loaded.');
  });
});
