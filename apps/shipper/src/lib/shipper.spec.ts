import type { SendOutcome } from './batch-sender';
import { Shipper, type ShipperOptions } from './shipper';

const OPTIONS: ShipperOptions = {
  maxBatch: 3,
  maxBatchBytes: 1_000,
  flushMs: 5,
  maxQueued: 10,
  backoffMs: 5,
  maxBackoffMs: 20,
};

/** A server double: answers each batch with the next scripted outcome, then delivers. */
function fakeServer(script: SendOutcome[] = []) {
  const batches: string[][] = [];
  const notices: string[] = [];
  const send = async (lines: readonly string[]): Promise<SendOutcome> => {
    batches.push([...lines]);
    await new Promise((resolve) => setTimeout(resolve, 1));
    return script.shift() ?? { kind: 'delivered', accepted: lines.length, errors: [] };
  };
  return { batches, notices, events: { send, notice: (m: string) => notices.push(m) } };
}

const entries = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `e${from + i}`);

describe('Shipper', () => {
  it('sends full batches at once and the rest after flushMs, in order', async () => {
    const server = fakeServer();
    const shipper = new Shipper(OPTIONS, server.events);
    for (const entry of entries(7)) shipper.push(entry);
    const report = await shipper.drain(1_000);
    expect(server.batches).toEqual([entries(3), entries(3, 4), ['e7']]);
    expect(report).toEqual({ delivered: 7, rejected: 0, lost: 0 });
  });

  it('sends a lone line once flushMs passes, without waiting for a full batch', async () => {
    const server = fakeServer();
    const shipper = new Shipper(OPTIONS, server.events);
    shipper.push('only');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.batches).toEqual([['only']]);
    await shipper.drain(100);
  });

  it('cuts batches by bytes too; one oversized line still goes, alone', async () => {
    const server = fakeServer();
    const shipper = new Shipper({ ...OPTIONS, maxBatchBytes: 10 }, server.events);
    for (const entry of ['aaaa', 'bbbb', 'x'.repeat(50), 'cc']) shipper.push(entry);
    await shipper.drain(1_000);
    expect(server.batches).toEqual([['aaaa', 'bbbb'], ['x'.repeat(50)], ['cc']]);
  });

  it('resends the same batch until the server takes it, and keeps the order', async () => {
    const busy: SendOutcome = { kind: 'retry', afterMs: undefined, reason: 'HTTP 503: busy' };
    const server = fakeServer([busy, busy]);
    const shipper = new Shipper(OPTIONS, server.events);
    for (const entry of entries(4)) shipper.push(entry);
    const report = await shipper.drain(2_000);
    expect(server.batches).toEqual([entries(3), entries(3), entries(3), ['e4']]);
    expect(report).toEqual({ delivered: 4, rejected: 0, lost: 0 });
    expect(server.notices[0]).toBe('cannot deliver (HTTP 503: busy); retrying in 5 ms');
  });

  it('waits as long as Retry-After says', async () => {
    const server = fakeServer([{ kind: 'retry', afterMs: 60, reason: 'HTTP 429: slow down' }]);
    const shipper = new Shipper(OPTIONS, server.events);
    shipper.push('a');
    const started = Date.now();
    await shipper.drain(2_000);
    expect(server.batches).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('counts what the server rejected and reports why, by position', async () => {
    const server = fakeServer([
      { kind: 'delivered', accepted: 2, errors: [{ index: 1, field: 'level', reason: 'unknown' }] },
    ]);
    const shipper = new Shipper(OPTIONS, server.events);
    for (const entry of entries(3)) shipper.push(entry);
    expect(await shipper.drain(1_000)).toEqual({ delivered: 2, rejected: 1, lost: 0 });
    expect(server.notices).toContain('entry 2 of a batch was rejected: level: unknown');
  });

  it('drops a refused batch and goes on with the next', async () => {
    const server = fakeServer([{ kind: 'refused', reason: 'HTTP 400: bad', tooLarge: false }]);
    const shipper = new Shipper(OPTIONS, server.events);
    for (const entry of entries(5)) shipper.push(entry);
    expect(await shipper.drain(1_000)).toEqual({ delivered: 2, rejected: 0, lost: 3 });
  });

  it('halves a batch the server finds too large, loses nothing, and sends smaller from then on', async () => {
    const tooLarge: SendOutcome = { kind: 'refused', reason: 'HTTP 413: big', tooLarge: true };
    const server = fakeServer([tooLarge, tooLarge]);
    const shipper = new Shipper({ ...OPTIONS, maxBatch: 4 }, server.events);
    for (const entry of entries(8)) shipper.push(entry);
    expect(await shipper.drain(1_000)).toEqual({ delivered: 8, rejected: 0, lost: 0 });
    expect(server.batches).toEqual([
      entries(4),
      entries(2),
      ['e1'],
      ['e2'],
      ['e3'],
      ['e4'],
      ['e5'],
      ['e6'],
      ['e7'],
      ['e8'],
    ]);
    expect(server.notices).toEqual([
      'the server finds batches too large; sending 2 entries at a time',
      'the server finds batches too large; sending 1 entries at a time',
    ]);
  });

  it('stops for good on a fatal answer and says so', async () => {
    const server = fakeServer([{ kind: 'fatal', reason: 'HTTP 401: unknown key' }]);
    const shipper = new Shipper(OPTIONS, server.events);
    for (const entry of entries(5)) shipper.push(entry);
    await expect(shipper.failed).resolves.toBe('HTTP 401: unknown key');
    shipper.push('after');
    expect(await shipper.drain(1_000)).toEqual({ delivered: 0, rejected: 0, lost: 6 });
    expect(server.batches).toHaveLength(1);
  });

  it('stops accepting when the queue is full and accepts again once it drains', async () => {
    const server = fakeServer([{ kind: 'retry', afterMs: 30, reason: 'away' }]);
    const shipper = new Shipper({ ...OPTIONS, maxQueued: 4 }, server.events);
    for (const entry of entries(3)) shipper.push(entry);
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const entry of entries(4, 4)) shipper.push(entry);
    expect(shipper.accepting).toBe(false);
    await shipper.whenAccepting();
    expect(shipper.accepting).toBe(true);
    expect((await shipper.drain(1_000)).delivered).toBe(7);
  });

  it('gives up at the drain deadline and counts the unsent entries as lost', async () => {
    const server = fakeServer(
      Array.from({ length: 100 }, () => ({ kind: 'retry', afterMs: 10, reason: 'down' }) as const),
    );
    const shipper = new Shipper(OPTIONS, server.events);
    for (const entry of entries(5)) shipper.push(entry);
    expect(await shipper.drain(50)).toEqual({ delivered: 0, rejected: 0, lost: 5 });
  });
});
