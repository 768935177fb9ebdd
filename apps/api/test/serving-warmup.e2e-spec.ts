import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Env } from '../src/app/env';
import { LoopbackRelay, type ServingWarmupReport, warmServing } from '../src/app/serving-warmup';
import { ApiKeyService } from '../src/auth/api-key.service';
import { collectLogs, connectLogs, subscribe } from './support/logs-client';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

// Each test starts a server that first sends its warm-up lines through the real doors.
jest.setTimeout(60_000);

/**
 * Starts the app as main.ts does: the serving warm-up between building it and listening. With
 * time enough for every line: unoptimised test code on a shared machine can take longer than the
 * production budget, and a warm-up cut short is not what these tests are about.
 */
async function startWarmed(env: Record<string, string>) {
  let report: ServingWarmupReport | undefined;
  const lent: string[] = [];
  const issue = ApiKeyService.prototype.issueTemporaryKey;
  const spy = jest.spyOn(ApiKeyService.prototype, 'issueTemporaryKey').mockImplementation(function (
    this: ApiKeyService,
    name,
    role,
  ) {
    const key = issue.call(this, name, role);
    lent.push(key.secret);
    return key;
  });
  try {
    const running = await startApp(env, async (app: INestApplication) => {
      report = await warmServing(app, app.get(Env), 30_000);
    });
    return { running, report, lent };
  } finally {
    spy.mockRestore();
  }
}

describe('a server that warmed its doors up before listening', () => {
  let running: RunningApp;
  let report: ServingWarmupReport | undefined;
  let lent: string[];

  beforeAll(async () => {
    ({ running, report, lent } = await startWarmed({
      ...KEY_ENV,
      REDTAIL_WARMUP_LINES: '600',
    }));
  });
  afterAll(() => running.close());

  it('sent its lines through the stream and batch doors to a live viewer', () => {
    expect(report).toMatchObject({ sent: 600, seen: 600, forgotten: 600 });
  });

  it('keeps none of them and counts none of them', async () => {
    const { body: page } = await request(running.url)
      .get('/logs')
      .set(bearer(KEYS.viewer))
      .expect(200);
    expect(page.entries).toEqual([]);
    const { body: metrics } = await request(running.url)
      .get('/logs/metrics')
      .set(bearer(KEYS.viewer))
      .expect(200);
    expect(metrics).toMatchObject({
      totalReceived: 0,
      storedEntries: 0,
      viewers: 0,
      perDoor: {},
      panicCount: 0,
    });
  });

  it('leaves nothing in the audit trail', async () => {
    const { body } = await request(running.url).get('/audit').set(bearer(KEYS.admin)).expect(200);
    expect(body).toEqual([]);
  });

  it('revokes the keys it used', async () => {
    expect(lent).toHaveLength(2);
    for (const secret of lent) {
      await request(running.url).get('/auth/me').set(bearer(secret)).expect(401);
    }
  });

  it('delivers real entries to a viewer that subscribes afterwards', async () => {
    const viewer = await connectLogs(running.url, { token: KEYS.viewer });
    try {
      expect(await subscribe(viewer)).toMatchObject({ ok: true, entries: [] });
      const arrived = collectLogs(viewer, 1);
      await request(running.url)
        .post('/logs')
        .set(bearer(KEYS.ingest))
        .send({ level: 'info', message: 'first real entry' })
        .expect(201);
      expect(await arrived).toEqual([expect.objectContaining({ message: 'first real entry' })]);
    } finally {
      viewer.close();
    }
  });
});

describe('the serving warm-up', () => {
  it('works under a base path with auth off', async () => {
    const { running, report } = await startWarmed({
      REDTAIL_BASE_PATH: '/redtail',
      REDTAIL_WARMUP_LINES: '300',
    });
    try {
      expect(report).toMatchObject({ sent: 300, seen: 300, forgotten: 300 });
      const { body } = await request(running.url).get('/redtail/logs/metrics').expect(200);
      expect(body).toMatchObject({ totalReceived: 0, storedEntries: 0, viewers: 0 });
    } finally {
      await running.close();
    }
  });

  it('starts cold, with the keys it issued revoked, when it cannot listen on loopback', async () => {
    const refused = jest
      .spyOn(LoopbackRelay, 'open')
      .mockRejectedValue(new Error('listen EADDRNOTAVAIL 127.0.0.1'));
    try {
      const { running, report, lent } = await startWarmed({
        ...KEY_ENV,
        REDTAIL_WARMUP_LINES: '300',
      });
      try {
        expect(report).toBeUndefined();
        expect(lent).toHaveLength(2);
        for (const secret of lent) {
          await request(running.url).get('/logs').set(bearer(secret)).expect(401);
        }
        await request(running.url).get('/logs').set(bearer(KEYS.viewer)).expect(200);
      } finally {
        await running.close();
      }
    } finally {
      refused.mockRestore();
    }
  });

  it('does nothing when REDTAIL_WARMUP_LINES is 0', async () => {
    const { running, report, lent } = await startWarmed({ REDTAIL_WARMUP_LINES: '0' });
    try {
      expect(report).toBeUndefined();
      expect(lent).toEqual([]);
    } finally {
      await running.close();
    }
  });
});
