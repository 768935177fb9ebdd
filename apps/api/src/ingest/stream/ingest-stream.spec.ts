import type { BatchResult, StreamEnd } from '@redtail/contracts';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACK_INTERVAL_MS, IngestStream, type StreamPipeline } from './ingest-stream';

/** Just enough of a request for `IngestStream`: chunks are emitted by the test. */
class FakeRequest extends EventEmitter {
  complete = false;
  paused = false;
  readonly socket = {
    setNoDelay: () => undefined,
    destroy: () => undefined,
    once: () => undefined,
  };
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
}

/** Collects what the stream answers, record by record. */
class FakeResponse extends EventEmitter {
  readonly records: unknown[] = [];
  ended = false;
  headersSent = false;
  writableNeedDrain = false;
  writeHead(): void {
    this.headersSent = true;
  }
  flushHeaders(): void {
    this.headersSent = true;
  }
  write(text: string): boolean {
    for (const line of text.split('\n').filter(Boolean)) this.records.push(JSON.parse(line));
    return true;
  }
  end(): void {
    this.ended = true;
  }
}

/** Stores everything at the end of the turn, as the real pipeline answers. */
const pipeline: StreamPipeline = {
  lockedDown: false,
  ingestEntries: (items) =>
    new Promise<BatchResult>((resolve) =>
      setImmediate(() => resolve({ accepted: items.length, rejected: 0, ids: [], errors: [] })),
    ),
};

const LIMITS = {
  maxLineBytes: 4096,
  maxLines: 1_000,
  maxBytes: 1_000_000,
  idleMs: 60_000,
  lifetimeMs: 600_000,
};

function open() {
  const request = new FakeRequest();
  const response = new FakeResponse();
  const stream = new IngestStream(
    request as unknown as IncomingMessage,
    response as unknown as ServerResponse,
    pipeline,
    { door: 'stream' },
    LIMITS,
    { firstLine: 1, doneThrough: 0 },
    () => undefined,
  );
  stream.begin();
  const send = (...messages: string[]) =>
    request.emit(
      'data',
      Buffer.from(messages.map((message) => `${JSON.stringify({ message })}\n`).join('')),
    );
  return { request, response, stream, send };
}

/** Lets the fake pipeline's turn run and its answers reach the stream. */
async function storeTurn(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
}

describe('IngestStream acknowledgements', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gathers the lines stored within ACK_INTERVAL_MS into one ack', async () => {
    const { response, stream, send } = open();
    send('a');
    await storeTurn();
    send('b', 'c');
    await storeTurn();
    send('d');
    await storeTurn();
    expect(response.records).toEqual([]);
    await jest.advanceTimersByTimeAsync(ACK_INTERVAL_MS);
    expect(response.records).toEqual([{ ack: 4 }]);
    send('e');
    await storeTurn();
    await jest.advanceTimersByTimeAsync(ACK_INTERVAL_MS);
    expect(response.records).toEqual([{ ack: 4 }, { ack: 5 }]);
    stream.abort(END);
  });

  it('acknowledges what is done at once when the body ends, before closing', async () => {
    const { request, response, send } = open();
    send('a', 'b');
    await storeTurn();
    request.emit('end');
    await storeTurn();
    expect(response.records).toEqual([{ ack: 2 }]);
    expect(response.ended).toBe(true);
  });

  it('acknowledges the lines stored before a panic ahead of the panic record', async () => {
    const { response, stream, send } = open();
    send('a', 'b', 'c');
    await storeTurn();
    stream.abort(END);
    expect(response.records).toEqual([{ ack: 3 }, END]);
    await jest.advanceTimersByTimeAsync(ACK_INTERVAL_MS * 2);
    expect(response.records).toEqual([{ ack: 3 }, END]);
  });

  it('writes nothing more once the client is gone', async () => {
    const { response, send } = open();
    send('a');
    await storeTurn();
    response.emit('close');
    await jest.advanceTimersByTimeAsync(ACK_INTERVAL_MS * 2);
    expect(response.records).toEqual([]);
  });
});

const END: StreamEnd = { error: 'panic', message: 'wiped', retryAfter: 1 };
