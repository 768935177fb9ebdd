import type { LogEntry } from '@redtail/contracts';
import { BroadcastSink, LogBroadcaster } from './log-broadcaster';

function entry(seq: number): LogEntry {
  return {
    id: `1-${seq}`,
    seq,
    level: 'info',
    service: 'api',
    message: `m${seq}`,
    timestamp: '2026-01-01T00:00:00.000Z',
    receivedAt: '2026-01-01T00:00:00.000Z',
    masked: {},
  };
}

class Sink implements BroadcastSink {
  listening = true;
  delivered: number[][] = [];
  deliver(entries: LogEntry[]): void {
    this.delivered.push(entries.map((e) => e.seq));
  }
  panicked(): void {
    return undefined;
  }
  resumed(): void {
    return undefined;
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('LogBroadcaster', () => {
  it('wants no entries while nobody listens, and skipping still advances deliveredThrough', () => {
    const broadcaster = new LogBroadcaster();
    const sink = new Sink();
    sink.listening = false;
    broadcaster.attach(sink);
    expect(broadcaster.wantsEntries).toBe(false);
    broadcaster.skipThrough(7);
    expect(broadcaster.deliveredThrough).toBe(7);
  });

  it('wants entries while a batch is pending even after the last viewer left', async () => {
    const broadcaster = new LogBroadcaster();
    const sink = new Sink();
    broadcaster.attach(sink);
    broadcaster.publish([entry(1), entry(2)]);
    sink.listening = false;
    expect(broadcaster.wantsEntries).toBe(true);
    expect(() => broadcaster.skipThrough(3)).toThrow(/publish them/);
    broadcaster.publish([entry(3)]);
    await nextTurn();
    expect(sink.delivered).toEqual([[1, 2, 3]]);
    expect(broadcaster.deliveredThrough).toBe(3);
    expect(broadcaster.wantsEntries).toBe(false);
  });

  it('delivers the pending batch when detached at shutdown, and nothing after', async () => {
    const broadcaster = new LogBroadcaster();
    const sink = new Sink();
    broadcaster.attach(sink);
    broadcaster.publish([entry(1), entry(2)]);
    broadcaster.detach();
    expect(sink.delivered).toEqual([[1, 2]]);
    broadcaster.publish([entry(3)]);
    await nextTurn();
    expect(sink.delivered).toEqual([[1, 2]]);
  });
});
