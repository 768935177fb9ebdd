import request from 'supertest';
import type { LogsClient } from './support/logs-client';
import { subscribe } from './support/logs-client';
import { type HandshakeRefusal, tryConnect } from './support/handshake';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

async function refusal(attempt: Promise<LogsClient>): Promise<HandshakeRefusal> {
  try {
    (await attempt).close();
  } catch (error) {
    return error as HandshakeRefusal;
  }
  throw new Error('the handshake was accepted');
}

describe('authentication of the Socket.IO handshake', () => {
  let running: RunningApp;
  const open: LogsClient[] = [];

  beforeAll(async () => {
    running = await startApp({
      ...KEY_ENV,
      REDTAIL_SOCKETS_PER_KEY: '2',
      REDTAIL_CORS_ORIGINS: 'https://ops.example.com',
    });
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  afterAll(() => running.close());

  async function connect(token: string, origin?: string): Promise<LogsClient> {
    const socket = await tryConnect(running.url, { token, origin });
    open.push(socket);
    return socket;
  }

  it('refuses a handshake without a token, saying how to send one', async () => {
    const error = await refusal(tryConnect(running.url));
    expect(error.message).toMatch(/API key is required.*auth: \{ token/);
    expect(error.data).toEqual({ code: 'unauthorized' });
  });

  it('refuses an unknown token', async () => {
    const error = await refusal(tryConnect(running.url, { token: 'no-such-key-00000000' }));
    expect(error.message).toBe('Unknown API key');
    expect(error.data).toEqual({ code: 'unauthorized' });
  });

  it('refuses an ingest key: the stream is for viewers', async () => {
    const error = await refusal(tryConnect(running.url, { token: KEYS.ingest }));
    expect(error.message).toMatch(/"shipper" has the ingest role; the live stream needs viewer/);
    expect(error.data).toEqual({ code: 'forbidden' });
  });

  it('admits viewer and admin keys', async () => {
    const viewer = await connect(KEYS.viewer);
    expect(await subscribe(viewer)).toMatchObject({ ok: true });
    const admin = await connect(KEYS.admin);
    expect(await subscribe(admin)).toMatchObject({ ok: true });
  });

  it('caps open sockets per key and frees a slot on disconnect', async () => {
    const first = await connect(KEYS.viewer);
    await connect(KEYS.viewer);
    const error = await refusal(tryConnect(running.url, { token: KEYS.viewer }));
    expect(error.data).toEqual({ code: 'too-many-sockets' });
    expect(error.message).toMatch(/"alice" already has 2 open connections/);

    // Another key is not affected.
    await connect(KEYS.admin);

    first.close();
    // The server frees the slot when it sees the disconnect, a moment after close().
    let admitted: LogsClient | undefined;
    for (let attempt = 0; attempt < 50 && !admitted; attempt++) {
      admitted = await tryConnect(running.url, { token: KEYS.viewer }).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return undefined;
      });
    }
    expect(admitted?.connected).toBe(true);
    if (admitted) open.push(admitted);
  });

  it('accepts browsers on the allow-listed origin and refuses other origins', async () => {
    await connect(KEYS.viewer, 'https://ops.example.com');
    await expect(
      tryConnect(running.url, { token: KEYS.viewer, origin: 'https://evil.example' }),
    ).rejects.toThrow();
  });

  it('records refused handshakes in the audit trail', async () => {
    await refusal(tryConnect(running.url, { token: 'another-guess-000000000' }));
    const audit = await request(running.url).get('/audit').set(bearer(KEYS.admin)).expect(200);
    expect(audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'auth-failed', actor: 'unknown', detail: 'socket /logs' }),
        expect.objectContaining({ type: 'forbidden', actor: 'shipper', detail: 'socket /logs' }),
        expect.objectContaining({ type: 'rate-limited', actor: 'alice', detail: 'socket /logs' }),
      ]),
    );
    expect(JSON.stringify(audit.body)).not.toContain('another-guess');
  });
});
