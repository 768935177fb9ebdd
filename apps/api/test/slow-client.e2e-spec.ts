import { fromLiveBlock, type DroppedEvent, type LogEntry } from '@redtail/contracts';
import type { Socket as NetSocket } from 'node:net';
import request from 'supertest';
import { LogsGateway } from '../src/logs/logs.gateway';
import { connectLogs, LogsClient, subscribe } from './support/logs-client';
import { RunningApp, startApp } from './support/start-app';

const QUEUE_CAP = 100;
const PER_BATCH = 50;
const MESSAGE = 'x'.repeat(16 * 1024);

/** The TCP socket under a socket.io-client WebSocket; pausing it makes the client stop reading. */
function tcpOf(client: LogsClient): NetSocket {
  const transport = client.io.engine.transport as unknown as { ws: { _socket: NetSocket } };
  return transport.ws._socket;
}

describe('a stalled dashboard', () => {
  let running: RunningApp;
  let stalled: LogsClient;
  let healthy: LogsClient;

  beforeAll(async () => {
    running = await startApp({
      LOG_CLIENT_QUEUE: String(QUEUE_CAP),
      LOG_CLIENT_WRITE_BUFFER: '2',
      LOG_MAX_BODY: String(4 * 1024 * 1024),
    });
    stalled = await connectLogs(running.url);
    healthy = await connectLogs(running.url);
  });

  afterAll(async () => {
    stalled.disconnect();
    healthy.disconnect();
    await running.close();
  });

  it('gets a bounded queue and a dropped notice while healthy ones lose nothing', async () => {
    const gateway = running.app.get(LogsGateway);
    await subscribe(stalled);
    await subscribe(healthy);
    const healthyGot: LogEntry[] = [];
    healthy.on('logs', (block) => healthyGot.push(...fromLiveBlock(block)));
    const dropped: DroppedEvent[] = [];
    stalled.on('dropped', (event) => dropped.push(event));
    tcpOf(stalled).pause();

    const batch = Array.from({ length: PER_BATCH }, () => ({ level: 'info', message: MESSAGE }));
    let posted = 0;
    let maxQueued = 0;
    let overflowedFor = 0;
    while (overflowedFor < 5 && posted < 400 * PER_BATCH) {
      await request(running.url).post('/logs/batch').send(batch).expect(201);
      posted += PER_BATCH;
      await new Promise((resolve) => setImmediate(resolve));
      const queued = gateway.queuedFor(stalled.id as string);
      maxQueued = Math.max(maxQueued, queued);
      if (queued === QUEUE_CAP) overflowedFor += 1;
    }
    expect(overflowedFor).toBe(5);
    expect(maxQueued).toBe(QUEUE_CAP);

    await waitFor(() => healthyGot.length === posted);
    expect(healthyGot).toHaveLength(posted);

    tcpOf(stalled).resume();
    await waitFor(() => dropped.length > 0);
    expect(dropped[0].reason).toBe('slow-client');
    expect(dropped[0].count).toBeGreaterThan(0);
  });
});

describe('a stalled dashboard fed large entries', () => {
  const QUEUE_BYTES = 256 * 1024;
  let running: RunningApp;
  let stalled: LogsClient;

  beforeAll(async () => {
    running = await startApp({
      LOG_CLIENT_QUEUE: '100000',
      LOG_CLIENT_QUEUE_BYTES: String(QUEUE_BYTES),
      LOG_CLIENT_WRITE_BUFFER: '1000',
      LOG_CLIENT_WRITE_BUFFER_BYTES: String(64 * 1024),
      LOG_MAX_BODY: String(8 * 1024 * 1024),
      LOG_MAX_MESSAGE: String(128 * 1024),
    });
    stalled = await connectLogs(running.url);
  });

  afterAll(async () => {
    stalled.disconnect();
    await running.close();
  });

  it('holds at most LOG_CLIENT_QUEUE_BYTES for it, however few entries that is', async () => {
    const gateway = running.app.get(LogsGateway);
    await subscribe(stalled);
    const dropped: DroppedEvent[] = [];
    stalled.on('dropped', (event) => dropped.push(event));
    tcpOf(stalled).pause();
    const big = { level: 'info', message: 'y'.repeat(100 * 1024) };
    let maxBytes = 0;
    for (let round = 0; round < 30; round += 1) {
      await request(running.url).post('/logs/batch').send([big, big]).expect(201);
      await new Promise((resolve) => setImmediate(resolve));
      maxBytes = Math.max(maxBytes, gateway.queuedBytesFor(stalled.id as string));
    }
    expect(maxBytes).toBeGreaterThan(100 * 1024);
    expect(maxBytes).toBeLessThanOrEqual(QUEUE_BYTES);
    expect(gateway.queuedFor(stalled.id as string)).toBeLessThanOrEqual(3);
    tcpOf(stalled).resume();
    await waitFor(() => dropped.length > 0);
    expect(dropped[0]).toEqual({ reason: 'slow-client', count: expect.any(Number) });
  });
});

describe('a dashboard that falls behind and catches up', () => {
  const TICKS = 40;
  let running: RunningApp;
  let behind: LogsClient;
  let healthy: LogsClient;

  beforeAll(async () => {
    running = await startApp({ LOG_MAX_BODY: String(4 * 1024 * 1024) });
    behind = await connectLogs(running.url);
    healthy = await connectLogs(running.url);
  });

  afterAll(async () => {
    behind.disconnect();
    healthy.disconnect();
    await running.close();
  });

  it('gets what piled up in fewer, larger packets and loses nothing, like the healthy one', async () => {
    const gateway = running.app.get(LogsGateway);
    await subscribe(behind);
    await subscribe(healthy);
    let behindPackets = 0;
    const seqs: Record<'behind' | 'healthy', number[]> = { behind: [], healthy: [] };
    const dropped: DroppedEvent[] = [];
    behind.on('logs', (block) => {
      behindPackets += 1;
      seqs.behind.push(...block.rows.map(([seq]) => seq));
    });
    healthy.on('logs', (block) => {
      seqs.healthy.push(...block.rows.map(([seq]) => seq));
    });
    behind.on('dropped', (event) => dropped.push(event));
    healthy.on('dropped', (event) => dropped.push(event));
    tcpOf(behind).pause();

    // 4 KiB × 50 × 40 ≈ 8 MB: more than the socket buffers hold, less than its queue's bounds.
    const batch = Array.from({ length: PER_BATCH }, () => ({
      level: 'info',
      message: 'z'.repeat(4 * 1024),
    }));
    let maxQueued = 0;
    for (let tick = 0; tick < TICKS; tick += 1) {
      await request(running.url).post('/logs/batch').send(batch).expect(201);
      await new Promise((resolve) => setImmediate(resolve));
      maxQueued = Math.max(maxQueued, gateway.queuedFor(behind.id as string));
    }
    expect(maxQueued).toBeGreaterThan(PER_BATCH);
    await waitFor(() => seqs.healthy.length === TICKS * PER_BATCH);

    tcpOf(behind).resume();
    await waitFor(() => seqs.behind.length === TICKS * PER_BATCH);
    expect(seqs.behind).toEqual(seqs.healthy);
    expect(seqs.healthy).toEqual([...seqs.healthy].sort((a, b) => a - b));
    expect(dropped).toEqual([]);
    expect(behindPackets).toBeLessThan(TICKS);
    expect(gateway.queuedFor(behind.id as string)).toBe(0);
  }, 30_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a panic while a dashboard has stopped reading', () => {
  let running: RunningApp;
  let stalled: LogsClient;
  let healthy: LogsClient;

  beforeAll(async () => {
    running = await startApp({
      LOG_CLIENT_WRITE_BUFFER: '2',
      LOG_MAX_BODY: String(8 * 1024 * 1024),
    });
    stalled = await connectLogs(running.url);
    healthy = await connectLogs(running.url);
  });

  afterAll(async () => {
    stalled.disconnect();
    healthy.disconnect();
    await running.close();
  }, 30_000);

  it('cuts it off with whatever it had not read, before any dashboard hears of the panic', async () => {
    await subscribe(stalled);
    await subscribe(healthy);
    let oldBytesAfterResume = 0;
    let resumed = false;
    stalled.on('logs', (block) => {
      if (resumed) oldBytesAfterResume += JSON.stringify(block).length;
    });
    const disconnected = new Promise<string>((resolve) => stalled.once('disconnect', resolve));
    const healthyPanic = new Promise((resolve) => healthy.once('panic', resolve));
    tcpOf(stalled).pause();
    const batch = Array.from({ length: 50 }, () => ({ level: 'info', message: MESSAGE }));
    // About 16 MB: far more than the socket buffers between the two ends hold.
    for (let round = 0; round < 20; round += 1) {
      await request(running.url).post('/logs/batch').send(batch).expect(201);
    }
    await request(running.url).post('/logs/panic').send({}).expect(200);
    await healthyPanic;
    resumed = true;
    tcpOf(stalled).resume();
    expect(await disconnected).toMatch(/transport (close|error)|server namespace disconnect/);
    // At most what sat in this machine's receive buffer before the panic: not the backlog.
    expect(oldBytesAfterResume).toBeLessThan(8 * 1024 * 1024);
  }, 60_000);
});
