import { type ChildProcess, spawn } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createConnection, createServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { LogEntry } from '@redtail/contracts';
import request from 'supertest';
import { metricsOf, waitForEntries } from './support/ingest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const WORKSPACE = join(__dirname, '../../..');
const children = new Set<ChildProcess>();

/** redtail-ship from source, as `node main.js` runs it, fed `input` on stdin. */
function ship(args: string[], input: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(WORKSPACE, 'apps/shipper/src/main.ts'), ...args],
    {
      cwd: WORKSPACE,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
        REDTAIL_KEY: KEYS.ingest,
      },
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve({ code, stderr });
    }),
  );
}

const numbered = (count: number) =>
  Array.from({ length: count }, (_, index) => `INFO line ${index + 1}`).join('\n') + '\n';
const expected = (count: number) =>
  Array.from({ length: count }, (_, index) => `INFO line ${index + 1}`);

function listen(server: Server | TcpServer): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** redtail-ship against the real server: the stream by default, batches on an older server. */
describe('redtail-ship and POST /logs/stream', () => {
  let running: RunningApp;
  let port: number;
  const servers: (Server | TcpServer)[] = [];

  beforeEach(async () => {
    running = await startApp(KEY_ENV);
    port = Number(new URL(running.url).port);
  });

  afterEach(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const server of servers.splice(0)) {
      (server as Server).closeAllConnections?.();
      server.close();
    }
    await running.close();
  });

  const stored = async (count: number) =>
    (await waitForEntries(running.url, count, { token: KEYS.viewer })).map(
      (entry) => entry.message,
    );

  /** Every stored message, oldest first, across pages of GET /logs. */
  async function everyMessage(): Promise<string[]> {
    const messages: string[] = [];
    let before: number | null | undefined;
    do {
      const page = await request(running.url)
        .get(`/logs?limit=1000${before ? `&before=${before}` : ''}`)
        .set(bearer(KEYS.viewer))
        .expect(200);
      messages.push(...(page.body.entries as LogEntry[]).map((entry) => entry.message));
      before = page.body.nextBefore as number | null;
    } while (before);
    return messages.reverse();
  }

  it('streams every line by default, in order, and exits 0', async () => {
    const run = await ship(['--url', running.url, '--service', 'app'], numbered(500));
    expect(run.stderr).toContain('500 delivered, 0 rejected, 0 not delivered');
    expect(run.code).toBe(0);
    expect(await stored(500)).toEqual(expected(500));
    expect(await metricsOf(running.url, KEYS.viewer)).toMatchObject({ perDoor: { stream: 500 } });
  }, 60_000);

  it('falls back to POST /logs/batch when the server answers 404 for the stream', async () => {
    // An older Redtail: everything but the stream route reaches the real server.
    const older = createHttpServer((incoming, outgoing) => {
      if (incoming.url === '/logs/stream') {
        outgoing.writeHead(404, { 'content-type': 'application/json' });
        outgoing.end('{"statusCode":404,"message":"Cannot POST /logs/stream"}');
        return;
      }
      const forwarded = httpRequest(
        {
          port,
          host: '127.0.0.1',
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      incoming.pipe(forwarded);
    });
    servers.push(older);
    const url = await listen(older);
    const run = await ship(['--url', url], numbered(300));
    expect(run.stderr).toContain('this Redtail has no POST /logs/stream (HTTP 404)');
    expect(run.stderr).toContain('300 delivered, 0 rejected, 0 not delivered');
    expect(run.code).toBe(0);
    expect(await stored(300)).toEqual(expected(300));
    expect(await metricsOf(running.url, KEYS.viewer)).toMatchObject({ perDoor: { http: 300 } });
  }, 60_000);

  it('loses and duplicates nothing when its connection is cut mid-stream', async () => {
    // The first stream connection is cut after 40 KiB went up: lines are then in every state
    // (stored and acked, stored but not acked, in flight, unsent).
    let cuts = 0;
    const cutter = createServer((client: Socket) => {
      const upstream = createConnection({ port, host: '127.0.0.1' });
      let up = 0;
      let isStream = false;
      client.on('data', (chunk: Buffer) => {
        if (chunk.includes('POST /logs/stream')) isStream = true;
        up += chunk.length;
        if (isStream && cuts === 0 && up > 40 * 1024) {
          cuts += 1;
          client.destroy();
          upstream.destroy();
          return;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => client.write(chunk));
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    servers.push(cutter);
    const url = await listen(cutter);
    const run = await ship(['--url', url], numbered(5_000));
    expect(cuts).toBe(1);
    expect(run.stderr).toContain('5000 delivered, 0 rejected, 0 not delivered');
    expect(run.code).toBe(0);
    await stored(1_000);
    expect(await everyMessage()).toEqual(expected(5_000));
  }, 60_000);
});
