import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '../../..');

interface Run {
  code: number | null;
  stderr: string;
}

const children = new Set<ChildProcess>();

/**
 * The CLI from source, as `node main.js` would run it, fed `input` on stdin; with `keepOpen`
 * its stdin stays open after the input, as `tail -F` keeps it.
 */
function runCli(
  args: string[],
  input: string,
  env: Record<string, string> = {},
  keepOpen = false,
): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'main.ts'), ...args],
    {
      cwd: WORKSPACE,
      env: { ...process.env, SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'), ...env },
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (keepOpen) child.stdin.write(input);
  else child.stdin.end(input);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve({ code, stderr });
    }),
  );
}

describe('redtail-ship', () => {
  let server: Server;
  let url: string;
  let status = 201;
  let role = 'ingest';
  const received: { auth?: string; lines: unknown[] }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/auth/me') {
          const known = status === 201;
          response.writeHead(known ? 200 : status, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify(
              known ? { name: 'ship', role, authDisabled: false } : { message: 'Unknown API key' },
            ),
          );
          return;
        }
        const lines = body.split('\n').map((line) => JSON.parse(line) as unknown);
        received.push({ auth: request.headers['authorization'], lines });
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(
          status === 201
            ? JSON.stringify({ accepted: lines.length, rejected: 0, ids: [], errors: [] })
            : JSON.stringify({ message: 'Unknown API key' }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    received.length = 0;
    status = 201;
    role = 'ingest';
  });

  afterEach(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('ships every line of its input in batches with --transport batch and exits 0 once all are delivered', async () => {
    const input = 'ERROR disk full\n{"level":"warn","message":"slow"}\n\nplain\n';
    const run = await runCli(['--url', url, '--service', 'host-1', '--transport', 'batch'], input, {
      REDTAIL_KEY: 'k1',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('3 delivered, 0 rejected, 0 not delivered');
    expect(received.flatMap((request) => request.lines)).toEqual([
      { level: 'error', message: 'ERROR disk full', service: 'host-1' },
      { level: 'warn', message: 'slow', service: 'host-1' },
      { level: 'info', message: 'plain', service: 'host-1' },
    ]);
    expect(received[0].auth).toBe('Bearer k1');
  }, 20_000);

  it('says at start-up, before any line arrives, that the key is refused, and exits 2', async () => {
    status = 401;
    const run = await runCli(['--url', url, '--key', 'wrong'], '', {}, true);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot send: HTTP 401: Unknown API key (check --url and --key)');
    expect(received).toHaveLength(0);
  }, 20_000);

  it('tells a shipper started without a key to set REDTAIL_KEY', async () => {
    status = 401;
    const run = await runCli(['--url', url], '', { REDTAIL_KEY: '' }, true);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'cannot send: Redtail requires a key and none was given: set REDTAIL_KEY to an ingest key (or pass --key)\n',
    );
    expect(received).toHaveLength(0);
  }, 20_000);

  it('refuses to start with a key that cannot ingest', async () => {
    role = 'viewer';
    const run = await runCli(['--url', url], 'x\n', { REDTAIL_KEY: 'v' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the key "ship" has the viewer role; sending needs ingest');
  }, 20_000);

  it('explains a usage error and exits 2 without sending anything', async () => {
    const run = await runCli(['--url', 'ftp://x', '--batch', '0'], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--url must be an http(s) address');
    expect(received).toHaveLength(0);
  }, 20_000);
});
