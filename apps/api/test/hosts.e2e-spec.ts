import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { tryConnect } from './support/handshake';
import { connectLogs } from './support/logs-client';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const REBOUND = 'attacker.example';

/** The Socket.IO handshake a browser page on `host` would start (long-polling, where Host is ours to set). */
function handshake(running: RunningApp, host: string) {
  return request(running.url).get('/socket.io/?EIO=4&transport=polling').set('Host', host);
}

/** A WebSocket upgrade with the given Host; resolves with the status and body the server answered. */
async function upgrade(
  running: RunningApp,
  host: string,
): Promise<{ status: number; body: string }> {
  const { port } = running.app.getHttpServer().address() as AddressInfo;
  const { request: httpRequest } = await import('node:http');
  return new Promise((resolve, reject) => {
    const attempt = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/socket.io/?EIO=4&transport=websocket',
      headers: {
        Host: host,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    attempt.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, body: '' });
    });
    attempt.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    attempt.on('error', reject);
    attempt.end();
  });
}

describe('DNS rebinding with REDTAIL_AUTH=off', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ HOST: '127.0.0.1' });
  });
  afterAll(() => running.close());

  it('refuses a panic whose Host is a foreign name, even with a matching Origin', async () => {
    await request(running.url).post('/logs').send({ level: 'info', message: 'kept' }).expect(201);

    const refused = await request(running.url)
      .post('/logs/panic')
      .set('Host', REBOUND)
      .set('Origin', `http://${REBOUND}`)
      .send({ lockdown: true })
      .expect(403);

    expect(refused.body.message).toMatch(/REDTAIL_ALLOWED_HOSTS/);
    expect(JSON.stringify(refused.body)).not.toContain(REBOUND);
    const listed = await request(running.url).get('/logs').expect(200);
    expect(listed.body.entries.map((entry: { message: string }) => entry.message)).toContain(
      'kept',
    );
  });

  it.each([
    ['a read', (host: string) => request(running.url).get('/logs').set('Host', host)],
    ['the dashboard', (host: string) => request(running.url).get('/').set('Host', host)],
    ['the API docs', (host: string) => request(running.url).get('/api/docs').set('Host', host)],
    [
      'a foreign name with our port',
      (host: string) => request(running.url).get('/logs').set('Host', `${host}:3000`),
    ],
  ])('refuses %s for a foreign Host', async (_name, call) => {
    await call(REBOUND).expect(403);
  });

  it('refuses a Socket.IO handshake for a foreign Host, over polling and WebSocket', async () => {
    const polling = await handshake(running, REBOUND).expect(403);
    expect(polling.body.message).toMatch(/REDTAIL_ALLOWED_HOSTS/);
    // engine.io answers every refused upgrade with 400, whatever the reason; the message says which.
    const websocket = await upgrade(running, REBOUND);
    expect(websocket.status).toBe(400);
    expect(websocket.body).toMatch(/REDTAIL_ALLOWED_HOSTS/);
    expect((await upgrade(running, 'localhost')).status).toBe(101);
  });

  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'dashboard.localhost',
    '127.0.0.1',
    '127.8.9.10',
    '[::1]',
  ])('accepts the loopback name %s, with or without a port', async (host) => {
    await request(running.url).get('/logs').set('Host', host).expect(200);
    await request(running.url).get('/logs').set('Host', `${host}:3000`).expect(200);
    await handshake(running, `${host}:3000`).expect(200);
  });

  it('connects the dashboard socket on the loopback address it is served from', async () => {
    const socket = await connectLogs(running.url);
    socket.close();
  });

  it('records refused Hosts in the audit trail without the name', async () => {
    await request(running.url).get('/logs').set('Host', 'another.example').expect(403);
    const audit = await request(running.url).get('/audit').expect(200);
    expect(audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'forbidden', detail: 'HTTP request for a foreign Host' }),
        expect.objectContaining({
          type: 'forbidden',
          detail: 'socket handshake for a foreign Host',
        }),
      ]),
    );
    expect(JSON.stringify(audit.body)).not.toMatch(/attacker|another\.example/);
  });
});

describe('the Host allowlist with REDTAIL_AUTH=off and extra names', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({
      HOST: 'redtail.lan',
      REDTAIL_ALLOWED_HOSTS: 'logs.internal, *.tools.internal',
    });
  });
  afterAll(() => running.close());

  it.each(['redtail.lan', 'logs.internal', 'LOGS.INTERNAL:8080', 'a.tools.internal'])(
    'accepts %s',
    async (host) => {
      await request(running.url).get('/logs').set('Host', host).expect(200);
      await handshake(running, host).expect(200);
    },
  );

  it.each([REBOUND, 'tools.internal', 'logs.internal.attacker.example', 'xlogs.internal'])(
    'refuses %s',
    async (host) => {
      await request(running.url).get('/logs').set('Host', host).expect(403);
      await handshake(running, host).expect(403);
    },
  );
});

describe('the Host allowlist with auth on', () => {
  it('is off by default, so a reverse proxy forwarding its own Host keeps working', async () => {
    const running = await startApp({ ...KEY_ENV });
    try {
      await request(running.url)
        .get('/logs')
        .set('Host', 'logs.example.com')
        .set(bearer(KEYS.viewer))
        .expect(200);
      await handshake(running, 'logs.example.com').expect(200);
    } finally {
      await running.close();
    }
  });

  it('applies when REDTAIL_ALLOWED_HOSTS lists names', async () => {
    const running = await startApp({ ...KEY_ENV, REDTAIL_ALLOWED_HOSTS: 'logs.example.com' });
    try {
      await request(running.url)
        .get('/logs')
        .set('Host', 'logs.example.com')
        .set(bearer(KEYS.viewer))
        .expect(200);
      await request(running.url)
        .get('/logs')
        .set('Host', REBOUND)
        .set(bearer(KEYS.viewer))
        .expect(403);
      await handshake(running, REBOUND).expect(403);
      (await tryConnect(running.url, { token: KEYS.viewer })).close();
    } finally {
      await running.close();
    }
  });
});
