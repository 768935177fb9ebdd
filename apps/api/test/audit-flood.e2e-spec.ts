import type { AuditEvent } from '@redtail/contracts';
import request from 'supertest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

/** Routes an unauthenticated flood alternates between, so no two neighbouring events are alike. */
const ROUTES = ['/logs', '/logs/metrics', '/audit', '/auth/me', '/logs/1-1', '/logs/1-1/context'];

async function flood(
  url: string,
  count: number,
  headersOf: (i: number) => Record<string, string>,
): Promise<void> {
  const CONCURRENCY = 32;
  for (let start = 0; start < count; start += CONCURRENCY) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + CONCURRENCY); i++) {
      batch.push(fetch(`${url}${ROUTES[i % ROUTES.length]}`, { headers: headersOf(i) }));
    }
    for (const response of await Promise.all(batch)) {
      expect(response.status).toBe(401);
      await response.arrayBuffer();
    }
  }
}

// Thousands of real requests on a shared two-core machine.
jest.setTimeout(60_000);

describe('an audit trail that survives a flood', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({
      ...KEY_ENV,
      REDTAIL_RATE_LIMIT: '1000000',
      REDTAIL_TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => running.close());

  async function audit(): Promise<AuditEvent[]> {
    return (await request(running.url).get('/audit').set(bearer(KEYS.admin)).expect(200)).body;
  }

  it('keeps the panic after 1,100 unauthenticated requests alternating between routes', async () => {
    await request(running.url)
      .post('/logs/panic')
      .set(bearer(KEYS.admin))
      .send({ lockdown: true })
      .expect(200);
    await request(running.url).post('/logs/resume').set(bearer(KEYS.admin)).send({}).expect(200);

    await flood(running.url, 1_100, () => ({}));

    const events = await audit();
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'panic', actor: 'ops', count: 1 }),
        expect.objectContaining({ type: 'resume', actor: 'ops', count: 1 }),
      ]),
    );
  });

  it('folds repeats by type, actor, address and route across the whole trail', async () => {
    const before = await audit();
    await flood(running.url, ROUTES.length * 50, () => ({}));
    const failures = (await audit()).filter(
      (event) => event.type === 'auth-failed' && event.address === '127.0.0.1',
    );
    expect(failures).toHaveLength(ROUTES.length);
    const counted = (events: AuditEvent[]) =>
      events
        .filter((event) => event.type === 'auth-failed' && event.address === '127.0.0.1')
        .reduce((sum, event) => sum + event.count, 0);
    expect(counted(failures) - counted(before)).toBe(ROUTES.length * 50);
  });

  it('keeps authenticated events and the panic when the noise comes from thousands of addresses', async () => {
    await request(running.url).get('/audit').set(bearer(KEYS.viewer)).expect(403);
    await request(running.url).post('/logs/panic').set(bearer(KEYS.admin)).send({}).expect(200);

    await flood(running.url, 3_000, (i) => ({
      'X-Forwarded-For': `2001:db8::${i.toString(16)}`,
    }));

    const events = await audit();
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'forbidden', actor: 'alice', detail: 'GET /audit' }),
        expect.objectContaining({ type: 'panic', actor: 'ops' }),
      ]),
    );
    const noise = events.filter((event) => event.address?.startsWith('2001:db8::'));
    expect(noise.length).toBeGreaterThan(0);
    expect(noise.length).toBeLessThan(3_000);
    expect(noise.at(-1)?.address).not.toBe('2001:db8::0');
  });
});
