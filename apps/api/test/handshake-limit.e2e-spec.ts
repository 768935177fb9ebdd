import type { AuditEvent } from '@redtail/contracts';
import request from 'supertest';
import { guessOverOneConnection, wrongKeys } from './support/key-guesser';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const LIMIT = 5;

/** Each test guesses from its own forwarded address, so each starts with a fresh budget. */
const from = (address: string) => ({ 'X-Forwarded-For': address });

async function auditOf(running: RunningApp): Promise<AuditEvent[]> {
  const audit = await request(running.url).get('/audit').set(bearer(KEYS.admin)).expect(200);
  return audit.body;
}

describe('key guessing over Socket.IO, behind a trusted proxy', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({
      ...KEY_ENV,
      REDTAIL_RATE_LIMIT: String(LIMIT),
      REDTAIL_TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => running.close());

  it('refuses guesses past the limit with rate-limited, even on one engine.io connection', async () => {
    const outcomes = await guessOverOneConnection(
      running.url,
      wrongKeys(LIMIT + 3),
      from('198.51.100.1'),
    );
    expect(outcomes).toEqual([
      ...Array(LIMIT).fill('unauthorized'),
      'rate-limited',
      'rate-limited',
      'rate-limited',
    ]);
  });

  it('refuses the right key too once an address is past its limit, so a guess cannot be confirmed', async () => {
    const outcomes = await guessOverOneConnection(
      running.url,
      [...wrongKeys(LIMIT), KEYS.viewer],
      from('198.51.100.2'),
    );
    expect(outcomes.at(-1)).toBe('rate-limited');
  });

  it('counts each forwarded address on its own', async () => {
    await guessOverOneConnection(running.url, wrongKeys(LIMIT + 1), from('198.51.100.3'));
    const elsewhere = await guessOverOneConnection(
      running.url,
      [KEYS.viewer],
      from('198.51.100.4'),
    );
    expect(elsewhere).toEqual(['connected']);
  });

  it('shares one budget per address with HTTP', async () => {
    for (const key of wrongKeys(LIMIT - 2, 'http')) {
      await request(running.url)
        .get('/auth/me')
        .set(from('198.51.100.5'))
        .set(bearer(key))
        .expect(401);
    }
    const outcomes = await guessOverOneConnection(
      running.url,
      wrongKeys(3, 'socket'),
      from('198.51.100.5'),
    );
    expect(outcomes).toEqual(['unauthorized', 'unauthorized', 'rate-limited']);
    await request(running.url)
      .get('/auth/me')
      .set(from('198.51.100.5'))
      .set(bearer('one-more-guess-000000000'))
      .expect(429);
  });

  it('records a run of refused handshakes once in the audit trail, without the guesses', async () => {
    await guessOverOneConnection(running.url, wrongKeys(LIMIT + 20), from('198.51.100.6'));
    const refused = (await auditOf(running)).filter(
      (event) => event.type === 'rate-limited' && event.address === '198.51.100.6',
    );
    expect(refused).toEqual([
      expect.objectContaining({ actor: 'unknown', detail: 'socket /logs', count: 20 }),
    ]);
    expect(JSON.stringify(await auditOf(running))).not.toContain('guess-');
  });
});

describe('key guessing without a trusted proxy', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ ...KEY_ENV, REDTAIL_RATE_LIMIT: String(LIMIT) });
  });
  afterAll(() => running.close());

  it('ignores X-Forwarded-For, so a guesser cannot pose as many addresses', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      outcomes.push(
        ...(await guessOverOneConnection(running.url, wrongKeys(1), from(`203.0.113.${i}`))),
      );
    }
    expect(outcomes.at(-1)).toBe('rate-limited');
  });
});

describe('key guessing on the ingest routes', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ ...KEY_ENV, REDTAIL_RATE_LIMIT: String(LIMIT) });
  });
  afterAll(() => running.close());

  it('limits wrong keys per address on POST /logs, whose own budget is meant for real shippers', async () => {
    const statuses: number[] = [];
    for (const key of wrongKeys(LIMIT + 2)) {
      const response = await request(running.url)
        .post('/logs')
        .set(bearer(key))
        .send({ level: 'info', message: 'x' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
  });
});

describe('handshakes with REDTAIL_AUTH=off', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ REDTAIL_RATE_LIMIT: String(LIMIT) });
  });
  afterAll(() => running.close());

  it('are not refused for an address that has used up its plain request budget', async () => {
    for (let i = 0; i < LIMIT + 1; i++) await request(running.url).get('/logs/metrics');
    expect(await guessOverOneConnection(running.url, ['any-token-000000000000'])).toEqual([
      'connected',
    ]);
  });
});
