import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromLiveBlock } from '@redtail/contracts';
import { connectLogs, nextEvent, subscribe } from './support/logs-client';
import { ServerProcess } from './support/server-process';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const ESCAPE = '\u001b[';
const STACK_FRAME = /^\s+at /m;

/** Process-level: what an operator sees at start-up and shutdown, exit codes included. */
describe('the server process', () => {
  // Each test starts the server from source in a new process: seconds each on a busy machine.
  jest.setTimeout(120_000);
  const started: ServerProcess[] = [];

  async function start(
    env: Record<string, string>,
    options?: Parameters<typeof ServerProcess.start>[1],
  ): Promise<ServerProcess> {
    const server = await ServerProcess.start(env, options);
    started.push(server);
    return server;
  }

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });

  describe('refuses to start on a configuration mistake, one line per problem', () => {
    it.each([
      [
        'a port that is not a number',
        { PORT: 'abc' },
        ['Cannot start: PORT="abc": must be an integer from 1 to 65535'],
      ],
      [
        'sizes written with decimal units, and a second mistake',
        { LOG_MAX_BYTES: '256MB', REDTAIL_AUTH: 'no' },
        [
          'Cannot start: REDTAIL_AUTH="no": must be on or off',
          'Cannot start: LOG_MAX_BYTES="256MB": must be a size from 64KiB to 2047MiB, such as 256MiB, 64KiB or a number of bytes',
        ],
      ],
      [
        'a malformed key list',
        { REDTAIL_ADMIN_KEYS: 'ops-without-a-secret' },
        ['Cannot start: REDTAIL_ADMIN_KEYS entry 1: expected name:secret'],
      ],
      [
        'a cluster key of the wrong length',
        { REDIS_URL: 'redis://127.0.0.1:1', REDTAIL_CLUSTER_KEK: 'short' },
        [
          'Cannot start: REDTAIL_CLUSTER_KEK must be 32 bytes as 64 hex characters or base64 (got 5 characters that decode to something else)',
        ],
      ],
    ])('%s', async (_label, env, problems) => {
      const server = await start(env);
      expect(await server.exited).toEqual({ code: 1, signal: null });
      const lines = server.stderr.trim().split('\n');
      expect(lines).toHaveLength(problems.length);
      lines.forEach((line, index) => {
        expect(line).toMatch(/FATAL \[Startup\] /);
        expect(line.endsWith(problems[index])).toBe(true);
      });
      expect(server.output).not.toMatch(STACK_FRAME);
      expect(server.output).not.toMatch(/Listening|successfully started/);
    });

    it('says a port is in use, how to choose another, and never that it started', async () => {
      const blocker = await occupy();
      try {
        const port = (blocker.address() as { port: number }).port;
        const server = await start({ REDTAIL_AUTH: 'off' }, { port });
        expect(await server.exited).toEqual({ code: 1, signal: null });
        expect(server.stderr.trim().split('\n')).toEqual([
          expect.stringContaining(
            `Cannot start: 127.0.0.1:${port} is already in use: set PORT to a free port (e.g. PORT=${port + 1}) or stop the program using it`,
          ),
        ]);
        expect(server.output).not.toMatch(/Listening|successfully started|EADDRINUSE/);
      } finally {
        blocker.close();
      }
    });

    it('writes the problem as JSON with LOG_FORMAT=json', async () => {
      const server = await start({ LOG_FORMAT: 'json', PORT: '99999' });
      expect((await server.exited).code).toBe(1);
      expect(JSON.parse(server.stderr)).toMatchObject({
        level: 'fatal',
        context: 'Startup',
        message: 'Cannot start: PORT="99999": must be an integer from 1 to 65535',
      });
    });
  });

  it('writes plain text to a pipe: no colour codes', async () => {
    const server = await (await start({ ...KEY_ENV })).ready();
    await server.waitFor(/4 API keys from/);
    expect(server.output).not.toContain(ESCAPE);
  });

  it('keeps generated keys across a restart when REDTAIL_KEYS_FILE is set, printing the secret once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redtail-process-keys-'));
    try {
      const file = join(dir, 'keys.json');
      const first = await (await start({ REDTAIL_KEYS_FILE: file })).ready();
      const [, admin] = await first.waitFor(/admin key: {2}(rt_\S+)/);
      await first.waitFor(/panic: .*curl/);
      first.signal('SIGTERM');
      await first.exited;
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const second = await (await start({ REDTAIL_KEYS_FILE: file })).ready();
      await second.waitFor(/2 API keys from .*: admin \(admin\), ingest \(ingest\)/);
      expect(second.output).not.toContain('rt_');
      const me = await fetch(`${second.url}/auth/me`, { headers: bearer(admin) });
      expect(await me.json()).toMatchObject({ name: 'admin', role: 'admin' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('shutdown', () => {
    it('on SIGTERM: readiness fails first, in-flight requests finish, the stream gets their entries, one line says how it ended', async () => {
      const server = await (await start({ ...KEY_ENV, REDTAIL_SHUTDOWN_DELAY_MS: '3000' })).ready();
      const viewer = await connectLogs(server.url, { token: KEYS.viewer });
      await subscribe(viewer);
      const arrived = nextEvent(viewer, 'logs');

      const body = JSON.stringify({ message: 'sent across the shutdown' });
      const slow = startRequest(`${server.url}/logs`, body.length);
      slow.request.write(body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 200));

      server.signal('SIGTERM');
      await eventually(async () => {
        const health = await fetch(`${server.url}/health`);
        expect(health.status).toBe(503);
        expect(await health.json()).toMatchObject({
          message: 'Not ready: the server is shutting down',
        });
      });
      await eventually(() => expect(fetch(`${server.url}/health`)).rejects.toThrow());
      slow.request.end(body.slice(10));
      const response = await slow.response;
      expect(response.statusCode).toBe(201);
      expect(fromLiveBlock(await arrived).map((entry) => entry.message)).toEqual([
        'sent across the shutdown',
      ]);

      expect(await server.exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(server.output).toMatch(
        /LOG \[Redtail\] Stopped on SIGTERM after \d+\.\d s: \d+ requests? finished during the drain, none cut off\n$/,
      );
      viewer.disconnect();
    });

    it('cuts off what is still running after REDTAIL_SHUTDOWN_TIMEOUT_MS, and says so', async () => {
      const server = await (
        await start({ ...KEY_ENV, REDTAIL_SHUTDOWN_TIMEOUT_MS: '300' })
      ).ready();
      const stuck = startRequest(`${server.url}/logs`, 100);
      stuck.request.write('{');
      const cut = stuck.response.then(
        () => 'answered',
        (error: Error) => error.message,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      server.signal('SIGINT');
      expect(await server.exited).toEqual({ code: null, signal: 'SIGINT' });
      expect(await cut).toBe('socket hang up');
      expect(server.output).toMatch(
        /WARN \[Redtail\] Stopped on SIGINT after \d+\.\d s: 0 requests finished, 1 cut off by REDTAIL_SHUTDOWN_TIMEOUT_MS=300/,
      );
    });

    it('leaves SIGUSR2 to diagnostic tools (node --heapsnapshot-signal=SIGUSR2) and keeps serving', async () => {
      // What --heapsnapshot-signal does, without writing a heap snapshot of hundreds of MB:
      // another listener takes SIGUSR2; Nest's default signal list would also shut down on it.
      const dir = mkdtempSync(join(tmpdir(), 'redtail-usr2-'));
      try {
        const tool = join(dir, 'diagnostic-tool.js');
        writeFileSync(
          tool,
          "process.on('SIGUSR2', () => process.stdout.write('diagnostic tool: SIGUSR2\\n'));",
        );
        const server = await (
          await start({ REDTAIL_AUTH: 'off' }, { nodeArgs: ['-r', tool] })
        ).ready();
        server.signal('SIGUSR2');
        await server.waitFor(/diagnostic tool: SIGUSR2/);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        expect(server.running).toBe(true);
        expect(server.output).not.toContain('Stopped');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

function occupy(): Promise<Server> {
  return new Promise((resolve) => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1', () => resolve(blocker));
  });
}

/** A POST whose body the test sends in parts, to hold a request in flight. */
function startRequest(
  url: string,
  contentLength: number,
): { request: ClientRequest; response: Promise<IncomingMessage> } {
  const request = httpRequest(url, {
    method: 'POST',
    headers: {
      ...bearer(KEYS.ingest),
      'content-type': 'application/json',
      'content-length': contentLength,
    },
  });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  request.flushHeaders();
  return { request, response };
}

async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
