import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LineShipper, ShipperReport } from './shipper';
import { StreamShipper } from './stream-shipper';

/** One connection as the scripted server saw it: its headers and the lines it received. */
interface Seen {
  start: string | undefined;
  id: string | undefined;
  lines: string[];
}

type Script = (request: IncomingMessage, response: ServerResponse, seen: Seen) => void;

/**
 * A server double speaking the stream protocol, one script per connection in turn: it records
 * what each connection sent, so a test can check what was resent and in which order.
 */
describe('StreamShipper', () => {
  let server: Server;
  let url: string;
  let scripts: Script[];
  let connections: Seen[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const seen: Seen = {
        start: request.headers['x-redtail-stream-start'] as string | undefined,
        id: request.headers['x-redtail-stream-id'] as string | undefined,
        lines: [],
      };
      connections.push(seen);
      const script = scripts.shift() ?? ackEverything;
      script(request, response, seen);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    scripts = [];
    connections = [];
  });

  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  const notices: string[] = [];
  const shipper = (fallBack?: (lines: readonly string[]) => LineShipper, timeoutMs = 2_000) =>
    new StreamShipper(
      {
        url,
        key: 'k',
        timeoutMs,
        maxQueued: 100,
        maxUnacked: 50,
        backoffMs: 5,
        maxBackoffMs: 20,
      },
      {
        notice: (message) => notices.push(message),
        fallBack:
          fallBack ??
          (() => {
            throw new Error('this test expects no fallback');
          }),
      },
    );
  const lines = (count: number) =>
    Array.from({ length: count }, (_, index) => `{"n":${index + 1}}`);

  it('resends, in order and from its last ack, what a stream ended by a panic cut off', async () => {
    // First connection: ack the first 3 lines, then end as a panic would.
    scripts.push((request, response, seen) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      onLines(request, seen, () => {
        if (seen.lines.length < 5) return;
        response.end(
          '{"ack":3}\n{"error":"panic","message":"A panic wiped the store","retryAfter":0}\n',
        );
      });
    });
    const ship = shipper();
    for (const line of lines(5)) ship.push(line);
    const report = await ship.drain(5_000);
    expect(report).toEqual<ShipperReport>({ delivered: 5, rejected: 0, lost: 0 });
    expect(connections.map((seen) => seen.start)).toEqual(['1', '4']);
    expect(connections[1].lines).toEqual(lines(5).slice(3));
    expect(connections[0].id).toBe(connections[1].id);
  });

  it('counts a rejected line as rejected, not delivered, and names it by number', async () => {
    scripts.push((request, response, seen) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      onLines(request, seen, () => undefined);
      request.on('end', () =>
        response.end(
          '{"rejected":{"line":2,"field":"level","reason":"unknown level"}}\n{"ack":3}\n',
        ),
      );
    });
    const ship = shipper();
    for (const line of lines(3)) ship.push(line);
    expect(await ship.drain(5_000)).toEqual({ delivered: 2, rejected: 1, lost: 0 });
    expect(notices).toContain('entry 2 of the stream was rejected: level: unknown level');
  });

  it('hands its unacknowledged lines, in order, to batches when the server has no stream route', async () => {
    scripts.push((_request, response) => {
      response.writeHead(405, { 'content-type': 'application/json' });
      response.end('{"message":"Method Not Allowed"}');
    });
    const handed: string[] = [];
    const batches: LineShipper = {
      accepting: true,
      fatalReason: undefined,
      failed: new Promise(() => undefined),
      whenAccepting: () => Promise.resolve(),
      push: (line) => void handed.push(line),
      drain: async () => ({ delivered: handed.length, rejected: 0, lost: 0 }),
    };
    const ship = shipper((unacked) => {
      handed.push(...unacked);
      return batches;
    });
    for (const line of lines(3)) ship.push(line);
    await new Promise((resolve) => setTimeout(resolve, 100));
    ship.push('{"n":4}');
    expect(await ship.drain(5_000)).toEqual({ delivered: 4, rejected: 0, lost: 0 });
    expect(handed).toEqual(lines(4));
  });

  it('starts over on a new connection when the server stops answering with lines unacked', async () => {
    // The first connection takes the lines and never acknowledges them (a server gone quiet).
    scripts.push((request, response, seen) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      onLines(request, seen, () => undefined);
    });
    const ship = shipper(undefined, 200);
    for (const line of lines(3)) ship.push(line);
    expect(await ship.drain(10_000)).toEqual({ delivered: 3, rejected: 0, lost: 0 });
    expect(connections.map((seen) => seen.start)).toEqual(['1', '1']);
    expect(connections[1].lines).toEqual(lines(3));
  });

  it('stops with the server’s reason when the key is refused', async () => {
    scripts.push((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"message":"Unknown API key"}');
    });
    const ship = shipper();
    ship.push('{"n":1}');
    expect(await ship.failed).toBe('HTTP 401: Unknown API key');
    expect(await ship.drain(1_000)).toEqual({ delivered: 0, rejected: 0, lost: 1 });
  });
});

/** Acknowledges every line as it arrives and ends with the body. */
const ackEverything: Script = (request, response, seen) => {
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const first = Number(seen.start ?? 1);
  onLines(request, seen, () => response.write(`{"ack":${first + seen.lines.length - 1}}\n`));
  request.on('end', () => response.end());
};

function onLines(request: IncomingMessage, seen: Seen, after: () => void): void {
  let pending = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    seen.lines.push(...parts);
    after();
  });
}
