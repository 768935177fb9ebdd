import {
  SUBSCRIBE_BUSY_PREFIX,
  type LogEntry,
  type LogFilter,
  type MetricsSnapshot,
  type PanicEvent,
} from '@redtail/contracts';
import { FakeLogSocket, entries, entry } from '../../testing/fake-log-socket';
import type { LogSocket } from './log-socket';
import {
  BACKFILL,
  BUSY_FIRST_WAIT_MS,
  BUSY_MAX_WAIT_MS,
  ConnectionState,
  LogSubscription,
  SubscriptionListener,
} from './log-subscription';

/** Records what the subscription reports, in order. */
class Recorder implements SubscriptionListener {
  readonly delivered: LogEntry[] = [];
  readonly states: ConnectionState[] = [];
  acks = 0;
  lockdowns: boolean[] = [];
  droppedTotal = 0;
  refusal: string | null = null;
  errors: (string | null)[] = [];
  startOvers = 0;
  readonly events: unknown[] = [];

  connection(state: ConnectionState) {
    this.states.push(state);
  }
  entries(entries: readonly LogEntry[]) {
    this.delivered.push(...entries);
  }
  acknowledged() {
    this.acks += 1;
  }
  lockdown(lockdown: boolean) {
    this.lockdowns.push(lockdown);
  }
  dropped(count: number) {
    this.droppedTotal += count;
  }
  refused(message: string) {
    this.refusal = message;
  }
  error(message: string | null) {
    this.errors.push(message);
  }
  startOver() {
    this.startOvers += 1;
  }
  metrics(snapshot: MetricsSnapshot) {
    this.events.push(['metrics', snapshot]);
  }
  panic(event: PanicEvent) {
    this.events.push(['panic', event]);
  }
  resumed(event: { at: string }) {
    this.events.push(['resumed', event]);
  }
  get seqs(): number[] {
    return this.delivered.map((line) => line.seq);
  }
}

function setUp(filter: LogFilter = {}, earlyLimit = 10_000) {
  const socket = new FakeLogSocket('secret');
  const listener = new Recorder();
  const subscription = new LogSubscription(
    socket as unknown as LogSocket,
    filter,
    listener,
    () => earlyLimit,
  );
  return { socket, listener, subscription };
}

describe('LogSubscription', () => {
  it('subscribes on connect with the filter and a backfill', () => {
    const { socket, listener } = setUp({ level: 'warn', q: 'timeout' });
    socket.fire('connect');
    expect(listener.states).toEqual(['connected']);
    expect(socket.lastSubscription().request).toEqual({
      level: 'warn',
      q: 'timeout',
      backfill: BACKFILL,
    });
  });

  it('delivers the backfill, then pushed lines, each seq once', () => {
    const { socket, listener } = setUp();
    socket.connectWith(entries(1, 3));
    socket.deliver(entries(2, 5));
    expect(listener.acks).toBe(1);
    expect(listener.lockdowns).toEqual([false]);
    expect(listener.seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it('resumes after a reconnect from the last seq without gaps or duplicates', () => {
    const { socket, listener } = setUp();
    socket.connectWith(entries(1, 3));
    socket.fire('disconnect', 'transport close');
    expect(listener.states.at(-1)).toBe('reconnecting');
    socket.fire('connect');

    const resume = socket.lastSubscription();
    expect(resume.request).toEqual({ afterSeq: 3 });
    resume.ack({ ok: true, entries: entries(3, 6), missed: 2, epoch: 1, lockdown: false });
    expect(listener.seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(listener.droppedTotal).toBe(2);
  });

  it('merges lines pushed before the acknowledgement with the replay, without duplicates', () => {
    const { socket, listener } = setUp();
    socket.connectWith(entries(1, 2));
    socket.deliver(entries(5, 6));
    socket.deliver(entries(3, 4));
    socket.deliver([entry(8)]);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    const resume = socket.lastSubscription();
    expect(resume.request).toEqual({ afterSeq: 6 });
    socket.deliver([entry(12), entry(10)]);
    expect(listener.seqs).toEqual([1, 2, 5, 6, 3, 4, 8]);
    resume.ack({ ok: true, entries: entries(7, 11), missed: 0, epoch: 1, lockdown: false });
    expect([...listener.seqs].sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it('keeps at most the early limit of lines pushed before the acknowledgement', () => {
    const { socket, listener } = setUp({}, 3);
    socket.fire('connect');
    socket.deliver(entries(1, 5));
    socket.lastSubscription().ack({ ok: true, entries: [], missed: 0, epoch: 1, lockdown: false });
    expect(listener.seqs).toEqual([3, 4, 5]);
  });

  it('says to start over when the key epoch changed while it was disconnected', () => {
    const { socket, listener } = setUp();
    socket.connectWith(entries(1, 3), { epoch: 1 });
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    socket.lastSubscription().ack({ ok: true, entries: [], missed: 0, epoch: 2, lockdown: false });

    expect(listener.startOvers).toBe(1);
    expect(socket.lastSubscription().request).toEqual({ backfill: BACKFILL });
    socket
      .lastSubscription()
      .ack({ ok: true, entries: [entry(1)], missed: 0, epoch: 2, lockdown: false });
    expect(listener.seqs).toEqual([1, 2, 3, 1]);
  });

  it('re-subscribes without a cursor when the filter changes', () => {
    const { socket, subscription } = setUp();
    socket.connectWith(entries(1, 3));
    subscription.setFilter({ services: ['billing'] });
    expect(socket.lastSubscription().request).toEqual({
      services: ['billing'],
      backfill: BACKFILL,
    });
  });

  it('asks for lines without context, resuming after the last seq seen', () => {
    const { socket, listener, subscription } = setUp({ level: 'warn' });
    socket.connectWith(entries(1, 3));
    subscription.setWithContext(false);
    const resume = socket.lastSubscription();
    expect(resume.request).toEqual({ level: 'warn', afterSeq: 3, withContext: false });
    resume.ack({ ok: true, entries: entries(3, 5), missed: 0, epoch: 1, lockdown: false });
    expect(listener.seqs).toEqual([1, 2, 3, 4, 5]);
    // A filter change keeps the choice.
    subscription.setFilter({ level: 'error' });
    expect(socket.lastSubscription().request).toEqual({
      level: 'error',
      backfill: BACKFILL,
      withContext: false,
    });
  });

  it('asks for context again from the last seq seen, and only once', () => {
    const { socket, listener, subscription } = setUp();
    subscription.setWithContext(false);
    socket.connectWith(entries(1, 3));
    expect(socket.lastSubscription().request).toEqual({ backfill: BACKFILL, withContext: false });
    const subscriptions = socket.subscriptions.length;
    subscription.setWithContext(false);
    expect(socket.subscriptions).toHaveLength(subscriptions);
    subscription.setWithContext(true);
    const whole = socket.lastSubscription();
    expect(whole.request).toEqual({ afterSeq: 3 });
    whole.ack({ ok: true, entries: entries(3, 4), missed: 0, epoch: 1, lockdown: false });
    expect(listener.seqs).toEqual([1, 2, 3, 4]);
  });

  it('ignores an acknowledgement of a subscription that was replaced', () => {
    const { socket, listener, subscription } = setUp();
    socket.fire('connect');
    const stale = socket.lastSubscription();
    subscription.setFilter({ level: 'error' });
    stale.ack({ ok: true, entries: entries(1, 3), missed: 0, epoch: 1, lockdown: false });
    expect(listener.delivered).toEqual([]);
    expect(listener.acks).toBe(0);
  });

  it('reports a refused subscription as an error', () => {
    const { socket, listener } = setUp();
    socket.fire('connect');
    socket.lastSubscription().ack({ ok: false, error: 'q: pattern is not supported' });
    expect(listener.acks).toBe(1);
    expect(listener.errors.at(-1)).toBe(
      'The server refused the subscription: q: pattern is not supported',
    );
  });

  describe('when the server is too busy to replay', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    const busy = {
      ok: false as const,
      error: `${SUBSCRIBE_BUSY_PREFIX}too many reads in progress`,
    };

    it('asks again after a wait that doubles with each refusal, then clears the error', () => {
      const { socket, listener } = setUp();
      socket.fire('connect');
      socket.lastSubscription().ack(busy);
      expect(listener.errors.at(-1)).toBe('The server is busy; asking again in 1 s.');
      expect(socket.subscriptions).toHaveLength(1);

      jest.advanceTimersByTime(BUSY_FIRST_WAIT_MS);
      expect(socket.subscriptions).toHaveLength(2);
      socket.lastSubscription().ack(busy);
      expect(listener.errors.at(-1)).toBe('The server is busy; asking again in 2 s.');
      jest.advanceTimersByTime(BUSY_FIRST_WAIT_MS);
      expect(socket.subscriptions).toHaveLength(2);
      jest.advanceTimersByTime(BUSY_FIRST_WAIT_MS);
      expect(socket.subscriptions).toHaveLength(3);

      socket
        .lastSubscription()
        .ack({ ok: true, entries: [entry(7)], missed: 0, epoch: 1, lockdown: false });
      expect(listener.errors.at(-1)).toBeNull();
      expect(listener.seqs).toEqual([7]);
    });

    it('never waits longer than the maximum', () => {
      const { socket } = setUp();
      socket.fire('connect');
      for (let refusal = 0; refusal < 8; refusal++) {
        socket.lastSubscription().ack(busy);
        jest.advanceTimersByTime(BUSY_MAX_WAIT_MS);
      }
      expect(socket.subscriptions).toHaveLength(9);
    });

    it('does not ask again for a subscription that was replaced or closed meanwhile', () => {
      const { socket, subscription } = setUp();
      socket.fire('connect');
      socket.lastSubscription().ack(busy);
      subscription.setFilter({ services: ['billing'] });
      expect(socket.subscriptions).toHaveLength(2);
      jest.advanceTimersByTime(BUSY_MAX_WAIT_MS);
      expect(socket.subscriptions).toHaveLength(2);

      socket.lastSubscription().ack(busy);
      subscription.close();
      jest.advanceTimersByTime(BUSY_MAX_WAIT_MS);
      expect(socket.subscriptions).toHaveLength(2);
    });
  });

  it('counts a line that came from history as delivered', () => {
    const { socket, listener, subscription } = setUp();
    socket.connectWith([entry(10)]);
    subscription.markSeen(9);
    socket.deliver([entry(9), entry(11)]);
    expect(listener.seqs).toEqual([10, 11]);
  });

  it('stops live delivery and resumes after the last seq seen, replaying what was in flight', () => {
    const { socket, listener, subscription } = setUp();
    socket.connectWith(entries(1, 3));
    subscription.stop();
    expect(socket.emitted).toContain('unsubscribe');
    socket.deliver(entries(4, 5));
    expect(listener.seqs).toEqual([1, 2, 3]);

    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.subscriptions).toHaveLength(1);

    subscription.start();
    const resume = socket.lastSubscription();
    expect(resume.request).toEqual({ afterSeq: 3 });
    resume.ack({ ok: true, entries: entries(3, 7), missed: 0, epoch: 1, lockdown: false });
    expect(listener.seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('forgets the seqs of a wiped epoch after a panic', () => {
    const { socket, listener, subscription } = setUp();
    socket.connectWith(entries(1, 3), { epoch: 1 });
    subscription.panicked(2);
    expect(subscription.epoch).toBe(2);
    expect(subscription.newestSeen).toBe(0);
    socket.deliver([entry(1, { id: '2-1' })]);
    expect(listener.seqs).toEqual([1, 2, 3, 1]);
  });

  it('passes metrics, panic and resumed events and server drops on', () => {
    const { socket, listener } = setUp();
    socket.connectWith();
    const snapshot = { lockdown: true } as MetricsSnapshot;
    const panic: PanicEvent = { at: '2026-01-02T14:03:07Z', epoch: 2, cleared: 0, lockdown: false };
    socket.fire('metrics', snapshot);
    socket.fire('panic', panic);
    socket.fire('resumed', { at: '2026-01-02T14:05:00Z' });
    socket.fire('dropped', { count: 4, reason: 'slow-client' });
    expect(listener.events).toEqual([
      ['metrics', snapshot],
      ['panic', panic],
      ['resumed', { at: '2026-01-02T14:05:00Z' }],
    ]);
    expect(listener.droppedTotal).toBe(4);
  });

  it('reports a refused handshake and stops', () => {
    const { socket, listener } = setUp();
    socket.active = false;
    socket.fire('connect_error', new Error('unknown API key'));
    expect(listener.states).toEqual(['offline']);
    expect(listener.refusal).toBe('unknown API key');
  });

  it('does not treat a full socket quota as a bad key', () => {
    const { socket, listener } = setUp();
    socket.active = false;
    socket.fire(
      'connect_error',
      Object.assign(new Error('Too many sockets for this key'), {
        data: { code: 'too-many-sockets' },
      }),
    );
    expect(listener.refusal).toBeNull();
    expect(listener.errors).toEqual(['Too many sockets for this key']);
  });

  it('shows reconnecting while the client retries a broken transport', () => {
    const { socket, listener } = setUp();
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(listener.states).toEqual(['reconnecting']);
    expect(listener.refusal).toBeNull();
  });

  it('closes the socket and ignores an acknowledgement still on its way', () => {
    const { socket, listener, subscription } = setUp();
    socket.fire('connect');
    const pending = socket.lastSubscription();
    subscription.close();
    expect(socket.connected).toBe(false);
    pending.ack({ ok: true, entries: entries(1, 2), missed: 0, epoch: 1, lockdown: false });
    expect(listener.delivered).toEqual([]);
  });

  it('counts a replay’s evicted lines once, though the server also sends them as an event', () => {
    const { socket, listener } = setUp();
    socket.connectWith(entries(1, 3));
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    socket.fire('dropped', { count: 4, reason: 'evicted' });
    socket.lastSubscription().ack({ ok: true, entries: [], missed: 4, epoch: 1, lockdown: false });
    socket.fire('dropped', { count: 2, reason: 'slow-client' });
    expect(listener.droppedTotal).toBe(6);
  });

  it('with no backfill, resumes after the server’s newest seq at its start until it sees a line', () => {
    const socket = new FakeLogSocket('secret');
    const listener = new Recorder();
    const subscription = new LogSubscription(
      socket as unknown as LogSocket,
      { q: 'x' },
      listener,
      () => 100,
      0,
    );
    socket.fire('connect');
    expect(socket.lastSubscription().request).toEqual({ q: 'x', backfill: 0 });
    socket
      .lastSubscription()
      .ack({ ok: true, entries: [], missed: 0, epoch: 1, lockdown: false, newestSeq: 70 });
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.lastSubscription().request).toEqual({ q: 'x', afterSeq: 70 });
    socket
      .lastSubscription()
      .ack({ ok: true, entries: [entry(75)], missed: 0, epoch: 1, lockdown: false, newestSeq: 80 });
    expect(listener.seqs).toEqual([75]);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    // Everything up to the newest seq at that resume was replayed or came live.
    expect(socket.lastSubscription().request).toEqual({ q: 'x', afterSeq: 80 });

    // A panic starts the seqs over: the next start is a fresh one.
    subscription.panicked(2);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.lastSubscription().request).toEqual({ q: 'x', backfill: 0 });
  });

  it('starts over when the server restarted: the same epoch number under another tag', () => {
    const { socket, listener } = setUp();
    socket.fire('connect');
    socket.lastSubscription().ack({
      ok: true,
      entries: entries(10001, 10003),
      missed: 0,
      epoch: 1,
      lockdown: false,
      epochTag: 'first',
    });
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.lastSubscription().request).toEqual({ afterSeq: 10003 });
    // The restarted server numbered five other lines 10001–10005: only its tag tells.
    socket.lastSubscription().ack({
      ok: true,
      entries: entries(10004, 10005),
      missed: 0,
      epoch: 1,
      lockdown: false,
      epochTag: 'second',
    });
    expect(listener.startOvers).toBe(1);
    expect(socket.lastSubscription().request).toEqual({ backfill: BACKFILL });
    socket.lastSubscription().ack({
      ok: true,
      entries: entries(10001, 10005),
      missed: 0,
      epoch: 1,
      lockdown: false,
      epochTag: 'second',
    });
    expect(listener.seqs).toEqual([10001, 10002, 10003, 10001, 10002, 10003, 10004, 10005]);
  });

  it('keeps resuming when the tag is the same, and when a server sends none', () => {
    const { socket, listener } = setUp();
    socket.fire('connect');
    socket.lastSubscription().ack({
      ok: true,
      entries: entries(1, 2),
      missed: 0,
      epoch: 1,
      lockdown: false,
      epochTag: 't',
    });
    for (const epochTag of ['t', undefined]) {
      socket.fire('disconnect', 'transport close');
      socket.fire('connect');
      socket
        .lastSubscription()
        .ack({ ok: true, entries: [], missed: 0, epoch: 1, lockdown: false, epochTag });
    }
    expect(listener.startOvers).toBe(0);
  });

  it('without backfill, replays a new epoch whole after a restart: all of it arrived while away', () => {
    const socket = new FakeLogSocket('secret');
    const listener = new Recorder();
    new LogSubscription(socket as unknown as LogSocket, { q: 'x' }, listener, () => 100, 0);
    socket.fire('connect');
    socket.lastSubscription().ack({
      ok: true,
      entries: [],
      missed: 0,
      epoch: 1,
      lockdown: false,
      newestSeq: 10003,
      epochTag: 'a',
    });
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.lastSubscription().request).toEqual({ q: 'x', afterSeq: 10003 });
    socket.lastSubscription().ack({
      ok: true,
      entries: [],
      missed: 0,
      epoch: 1,
      lockdown: false,
      newestSeq: 10005,
      epochTag: 'b',
    });
    expect(listener.startOvers).toBe(1);
    expect(socket.lastSubscription().request).toEqual({ q: 'x', afterSeq: 0 });
    socket.lastSubscription().ack({
      ok: true,
      entries: entries(10001, 10005),
      missed: 0,
      epoch: 1,
      lockdown: false,
      newestSeq: 10005,
      epochTag: 'b',
    });
    expect(listener.seqs).toEqual([10001, 10002, 10003, 10004, 10005]);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.lastSubscription().request).toEqual({ q: 'x', afterSeq: 10005 });
  });

  it('knows the tag of the epoch a panic moved to, so a restart right after it is caught too', () => {
    const { socket, listener, subscription } = setUp();
    socket.connectWith(entries(1, 2));
    subscription.panicked(2, 'after-panic');
    socket.deliver([entry(3)]);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    socket
      .lastSubscription()
      .ack({ ok: true, entries: [], missed: 0, epoch: 2, lockdown: false, epochTag: 'restarted' });
    expect(listener.startOvers).toBe(1);
    expect(subscription.epochTag).toBe('restarted');
  });
});
