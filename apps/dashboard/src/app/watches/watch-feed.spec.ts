import { FakeLogSocket, entries, entry } from '../../testing/fake-log-socket';
import type { LogSocket } from '../logs/log-socket';
import type { ConnectionState } from '../logs/log-subscription';
import { WatchFeed } from './watch-feed';

function setUp() {
  const socket = new FakeLogSocket('secret');
  const seen = {
    matched: 0,
    unchecked: 0,
    wiped: 0,
    states: [] as ConnectionState[],
    problems: [] as (string | null)[],
  };
  const feed = new WatchFeed(
    socket as unknown as LogSocket,
    { q: 'payment failed' },
    {
      matched: (count) => (seen.matched += count),
      unchecked: (count) => (seen.unchecked += count),
      wiped: () => {
        seen.wiped += 1;
        seen.matched = 0;
      },
      connection: (state) => seen.states.push(state),
      problem: (message) => seen.problems.push(message),
    },
  );
  return { socket, seen, feed };
}

function ack(
  socket: FakeLogSocket,
  lines = entries(0, -1),
  extra: { missed?: number; epoch?: number; newestSeq?: number } = {},
): void {
  socket.lastSubscription().ack({
    ok: true,
    entries: lines,
    missed: extra.missed ?? 0,
    epoch: extra.epoch ?? 1,
    lockdown: false,
    newestSeq: extra.newestSeq ?? 100,
  });
}

describe('WatchFeed', () => {
  it('asks for its filter without a backfill (no read of the store) and without context', () => {
    const { socket, seen } = setUp();
    socket.fire('connect');
    expect(socket.lastSubscription().request).toEqual({
      q: 'payment failed',
      backfill: 0,
      withContext: false,
    });
    // Counting, so "connected", once the server has acknowledged the subscription.
    expect(seen.states).toEqual([]);
    ack(socket);
    expect(seen.states).toEqual(['connected']);
    socket.fire('disconnect', 'transport close');
    expect(seen.states).toEqual(['connected', 'reconnecting']);
  });

  it('counts every live match once', () => {
    const { socket, seen } = setUp();
    socket.fire('connect');
    ack(socket);
    socket.deliver(entries(101, 103));
    socket.deliver([entry(103)]);
    expect(seen.matched).toBe(3);
  });

  it('counts what matched while it was disconnected, from where it began when nothing had matched', () => {
    const { socket, seen } = setUp();
    socket.fire('connect');
    ack(socket, [], { newestSeq: 100 });
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.lastSubscription().request).toMatchObject({ afterSeq: 100 });
    ack(socket, entries(104, 105), { missed: 3 });
    expect(seen.matched).toBe(2);
    // Evicted before the replay: unknown whether they matched.
    expect(seen.unchecked).toBe(3);

    socket.deliver([entry(106)]);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.lastSubscription().request).toMatchObject({ afterSeq: 106 });
    ack(socket, entries(105, 107));
    expect(seen.matched).toBe(4);
  });

  it('starts over when a panic wipes the store, seen or while away', () => {
    const { socket, seen } = setUp();
    socket.fire('connect');
    ack(socket, [], { newestSeq: 4 });
    socket.deliver(entries(6, 7));
    socket.fire('panic', { at: '2026-12-04T00:00:00.000Z', epoch: 2, lockdown: false });
    expect(seen).toMatchObject({ matched: 0, wiped: 1 });
    socket.deliver([entry(8)]);
    expect(seen.matched).toBe(1);

    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    ack(socket, [], { epoch: 3 });
    expect(seen.wiped).toBe(2);
    // Every line of the new epoch arrived while it was away: replayed whole, and counted.
    expect(socket.lastSubscription().request).toMatchObject({ afterSeq: 0 });
    ack(socket, entries(20, 21), { epoch: 3 });
    expect(seen.matched).toBe(2);
  });

  it('counts what a restarted server took in before it reconnected (same epoch, another tag)', () => {
    const { socket, seen } = setUp();
    socket.fire('connect');
    socket.lastSubscription().ack({
      ok: true,
      entries: [],
      missed: 0,
      epoch: 1,
      lockdown: false,
      newestSeq: 10000,
      epochTag: 'before',
    });
    socket.deliver(entries(10001, 10003));
    expect(seen.matched).toBe(3);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    const restarted = { epoch: 1, lockdown: false, newestSeq: 10005, epochTag: 'after' };
    socket.lastSubscription().ack({ ok: true, entries: [], missed: 0, ...restarted });
    expect(seen).toMatchObject({ wiped: 1, matched: 0 });
    socket
      .lastSubscription()
      .ack({ ok: true, entries: entries(10001, 10005), missed: 0, ...restarted });
    expect(seen.matched).toBe(5);
  });

  it('reports a refusal as its problem', () => {
    const { socket, seen } = setUp();
    socket.fire('connect');
    socket.lastSubscription().ack({ ok: false, error: 'q: pattern too long' });
    expect(seen.problems.at(-1)).toBe('The server refused the subscription: q: pattern too long');
  });

  it('closes its socket', () => {
    const { socket, feed } = setUp();
    socket.fire('connect');
    feed.close();
    expect(socket.connected).toBe(false);
  });
});
