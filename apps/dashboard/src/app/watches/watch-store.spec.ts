import { TestBed } from '@angular/core/testing';
import type { LogFilter } from '@redtail/contracts';
import { FakeLogSocket, entries, entry, provideFakeLogSocket } from '../../testing/fake-log-socket';
import { DESKTOP_NOTIFIER, DesktopNotifier, NotificationPermissionState } from './desktop-notifier';
import { MAX_WATCHES, WATCHES_STORAGE_KEY, serializeWatches } from './watch-definitions';
import { NOTIFY_INTERVAL_MS, WATCH_NOTIFY_STORAGE_KEY, WatchStore } from './watch-store';

/** What would have been shown on the desktop. */
class FakeNotifier implements DesktopNotifier {
  state: NotificationPermissionState = 'granted';
  answer: NotificationPermissionState = 'granted';
  requests = 0;
  readonly shown: { title: string; body: string; tag: string; click: () => void }[] = [];
  permission = () => this.state;
  request = async () => {
    this.requests += 1;
    this.state = this.answer;
    return this.state;
  };
  show = (title: string, body: string, tag: string, click: () => void) => {
    this.shown.push({ title, body, tag, click });
  };
}

let hidden = false;

function setUp(notifier = new FakeNotifier()) {
  const fake = provideFakeLogSocket();
  TestBed.configureTestingModule({
    providers: [...fake.providers, { provide: DESKTOP_NOTIFIER, useValue: notifier }],
  });
  const store = TestBed.inject(WatchStore);
  TestBed.tick();
  return { store, sockets: fake.sockets, notifier };
}

/** Connects a watch's socket and acknowledges its first subscription with nothing stored. */
function begin(socket: FakeLogSocket): void {
  socket.fire('connect');
  socket.lastSubscription().ack({ ok: true, entries: [], missed: 0, epoch: 1, lockdown: false });
}

function add(store: WatchStore, filter: LogFilter, name = ''): string {
  const result = store.add(filter, name);
  if (!result.ok) throw new Error(result.reason);
  return result.watch.id;
}

describe('WatchStore', () => {
  beforeAll(() => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
  });
  beforeEach(() => {
    localStorage.clear();
    hidden = false;
    document.title = 'Redtail';
  });
  afterEach(() => jest.useRealTimers());

  it('watches a filtered view over a socket of its own, and keeps it in this browser', () => {
    const { store, sockets } = setUp();
    store.connect('secret');
    add(store, { q: 'payment failed', since: 5 }, 'Payments');
    expect(sockets).toHaveLength(1);
    expect(sockets[0].token).toBe('secret');
    begin(sockets[0]);
    expect(sockets[0].subscriptions[0].request).toEqual({
      q: 'payment failed',
      backfill: 0,
      withContext: false,
    });
    expect(JSON.parse(localStorage.getItem(WATCHES_STORAGE_KEY) ?? '[]')).toEqual([
      expect.objectContaining({ name: 'Payments', filter: 'q=payment+failed' }),
    ]);
    expect(store.watches()[0]).toMatchObject({ unseen: 0, connection: 'connected' });
  });

  it('refuses an unfiltered view, a filter already watched, and more than the limit', () => {
    const { store } = setUp();
    expect(store.add({})).toEqual({ ok: false, reason: expect.stringMatching(/Filter the view/) });
    add(store, { level: 'error' }, 'Errors');
    expect(store.add({ level: 'error' })).toEqual({
      ok: false,
      reason: 'Already watched as “Errors”.',
    });
    for (let i = 1; i < MAX_WATCHES; i++) add(store, { q: `w${i}` });
    expect(store.full()).toBe(true);
    expect(store.add({ q: 'one more' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/At most 5/),
    });
  });

  it('counts matches in the menu and the tab title until they are looked at', () => {
    const { store, sockets } = setUp();
    store.connect('secret');
    const errors = add(store, { level: 'error' }, 'Errors');
    add(store, { q: 'timeout' }, 'Timeouts');
    sockets.forEach(begin);
    sockets[0].deliver(entries(10, 12));
    sockets[1].deliver([entry(13)]);
    TestBed.tick();
    expect(store.watches().map((watch) => watch.unseen)).toEqual([3, 1]);
    expect(store.unseen()).toBe(4);
    expect(document.title).toBe('(4) Redtail');
    store.acknowledge(errors);
    TestBed.tick();
    expect(document.title).toBe('(1) Redtail');
    store.acknowledgeAll();
    TestBed.tick();
    expect(document.title).toBe('Redtail');
  });

  it('opens the stored watches on connect, and closes one when it is removed', () => {
    localStorage.setItem(
      WATCHES_STORAGE_KEY,
      serializeWatches([
        { id: 'a', name: 'A', filter: { q: 'a' } },
        { id: 'b', name: 'B', filter: { q: 'b' } },
      ]),
    );
    const { store, sockets } = setUp();
    expect(sockets).toHaveLength(0);
    store.connect(null);
    expect(sockets).toHaveLength(2);
    sockets.forEach((socket) => socket.fire('connect'));
    store.remove('a');
    expect(sockets[0].connected).toBe(false);
    expect(sockets[1].connected).toBe(true);
    expect(store.watches().map((watch) => watch.definition.id)).toEqual(['b']);
    expect(JSON.parse(localStorage.getItem(WATCHES_STORAGE_KEY) ?? '[]')).toHaveLength(1);
    store.disconnect();
    expect(sockets[1].connected).toBe(false);
  });

  it('follows another tab adding or removing a watch', () => {
    const { store, sockets } = setUp();
    store.connect('secret');
    const kept = add(store, { q: 'kept' });
    begin(sockets[0]);
    sockets[0].deliver([entry(3)]);
    const elsewhere = serializeWatches([
      store.watches()[0].definition,
      { id: 'z', name: 'Z', filter: { level: 'fatal' } },
    ]);
    localStorage.setItem(WATCHES_STORAGE_KEY, elsewhere);
    window.dispatchEvent(new StorageEvent('storage', { key: WATCHES_STORAGE_KEY }));
    expect(store.watches().map((watch) => [watch.definition.id, watch.unseen])).toEqual([
      [kept, 1],
      ['z', 0],
    ]);
    expect(sockets).toHaveLength(2);
    localStorage.setItem(WATCHES_STORAGE_KEY, serializeWatches([]));
    window.dispatchEvent(new StorageEvent('storage', { key: WATCHES_STORAGE_KEY }));
    expect(store.watches()).toEqual([]);
    expect(sockets.every((socket) => !socket.connected)).toBe(true);
  });

  it('notifies a hidden tab at most once an interval, with the count and never a line', async () => {
    jest.useFakeTimers();
    const { store, sockets, notifier } = setUp();
    await store.setNotify(true);
    store.connect('secret');
    const id = add(store, { q: 'card declined' }, 'Declines');
    begin(sockets[0]);

    sockets[0].deliver([entry(1, { message: 'card declined for [EMAIL]' })]);
    expect(notifier.shown).toHaveLength(0); // the tab is visible: the badge says it

    hidden = true;
    sockets[0].deliver([entry(2, { message: 'card declined for [EMAIL]' })]);
    expect(notifier.shown).toEqual([
      expect.objectContaining({
        title: 'Redtail: Declines',
        body: '2 new lines match this watch.',
        tag: `redtail-watch-${id}`,
      }),
    ]);
    expect(JSON.stringify(notifier.shown)).not.toContain('declined for');

    sockets[0].deliver(entries(3, 5));
    expect(notifier.shown).toHaveLength(1);
    jest.advanceTimersByTime(NOTIFY_INTERVAL_MS);
    expect(notifier.shown).toHaveLength(2);
    expect(notifier.shown[1].body).toBe('5 new lines match this watch.');

    // Looked at before the interval ended: nothing more to say.
    sockets[0].deliver([entry(6)]);
    hidden = false;
    jest.advanceTimersByTime(NOTIFY_INTERVAL_MS);
    expect(notifier.shown).toHaveLength(2);
  });

  it('shows the watch’s lines when its notification is clicked', async () => {
    const { store, sockets, notifier } = setUp();
    await store.setNotify(true);
    store.connect('secret');
    add(store, { level: 'fatal', services: ['billing'] });
    begin(sockets[0]);
    hidden = true;
    const opened: LogFilter[] = [];
    store.opened.subscribe((filter) => opened.push(filter));
    sockets[0].deliver([entry(1)]);
    notifier.shown[0].click();
    expect(opened).toEqual([{ level: 'fatal', services: ['billing'] }]);
    expect(store.unseen()).toBe(0);
  });

  it('asks the browser once when notifications are turned on, and remembers the choice', async () => {
    const notifier = new FakeNotifier();
    notifier.state = 'default';
    notifier.answer = 'denied';
    const { store, sockets } = setUp(notifier);
    await store.setNotify(true);
    expect(notifier.requests).toBe(1);
    expect(store.permission()).toBe('denied');
    expect(localStorage.getItem(WATCH_NOTIFY_STORAGE_KEY)).toBe('1');
    store.connect('secret');
    add(store, { q: 'x' });
    begin(sockets[0]);
    hidden = true;
    sockets[0].deliver([entry(1)]);
    expect(notifier.shown).toHaveLength(0);
    await store.setNotify(false);
    expect(localStorage.getItem(WATCH_NOTIFY_STORAGE_KEY)).toBeNull();
  });

  it('forgets the counts of lines a panic wiped', () => {
    const { store, sockets } = setUp();
    store.connect('secret');
    add(store, { q: 'x' });
    begin(sockets[0]);
    sockets[0].deliver(entries(1, 4));
    expect(store.unseen()).toBe(4);
    sockets[0].fire('panic', { at: '2026-12-04T00:00:00.000Z', epoch: 2, lockdown: false });
    expect(store.watches()[0]).toMatchObject({ unseen: 0, lastMatchAt: null });
  });

  it('shows why a watch is not counting', () => {
    const { store, sockets } = setUp();
    store.connect('secret');
    add(store, { q: 'x' });
    sockets[0].active = false;
    sockets[0].fire(
      'connect_error',
      Object.assign(new Error('Too many sockets for this key'), {
        data: { code: 'too-many-sockets' },
      }),
    );
    expect(store.watches()[0]).toMatchObject({
      connection: 'offline',
      problem: 'Too many sockets for this key',
    });
  });
});
