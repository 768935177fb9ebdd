import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkKey } from './key-check';

describe('checkKey', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: unknown };
  let seenAuth: string | undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seenAuth = request.headers['authorization'];
      response.writeHead(request.url === '/base/auth/me' ? answer.status : 404, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const check = (key = 'k', at = url) => checkKey({ url: at, key, timeoutMs: 2_000 });

  it('accepts an ingest or admin key and says whose it is', async () => {
    answer = { status: 200, body: { name: 'ship', role: 'ingest', authDisabled: false } };
    expect(await check()).toEqual({
      kind: 'ok',
      identity: { name: 'ship', role: 'ingest', authDisabled: false },
    });
    expect(seenAuth).toBe('Bearer k');
    answer = { status: 200, body: { name: 'root', role: 'admin', authDisabled: false } };
    expect(await check()).toMatchObject({ kind: 'ok' });
  });

  it('refuses a viewer key, an unknown key and a URL without Redtail behind it', async () => {
    answer = { status: 200, body: { name: 'eyes', role: 'viewer', authDisabled: false } };
    expect(await check()).toEqual({
      kind: 'refused',
      reason: 'the key "eyes" has the viewer role; sending needs ingest',
    });
    answer = { status: 401, body: { message: 'Unknown API key' } };
    expect(await check()).toEqual({ kind: 'refused', reason: 'HTTP 401: Unknown API key' });
    expect(await check('k', url.replace('/base', '/elsewhere'))).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('is the base path part of --url?'),
    });
  });

  it('tells a shipper started without a key to set REDTAIL_KEY, not to fix its header', async () => {
    answer = { status: 401, body: { message: 'An API key is required: send "Authorization: …"' } };
    expect(await checkKey({ url, key: undefined, timeoutMs: 2_000 })).toEqual({
      kind: 'refused',
      reason:
        'Redtail requires a key and none was given: set REDTAIL_KEY to an ingest key (or pass --key)',
    });
    expect(seenAuth).toBeUndefined();
  });

  it('lets the shipper start when Redtail is busy or away', async () => {
    answer = { status: 503, body: { message: 'starting' } };
    expect(await check()).toEqual({ kind: 'unreachable', reason: 'HTTP 503: starting' });
  });
});
