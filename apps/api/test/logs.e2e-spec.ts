import request from 'supertest';
import { LOG_INPUT_PROPERTIES, LOG_INPUT_REQUIRED } from '../src/logs/log-input';
import { RunningApp, startApp } from './support/start-app';

describe('log pipeline over HTTP', () => {
  let running: RunningApp;
  const url = () => running.url;

  beforeAll(async () => {
    running = await startApp({
      LOG_MAX_BODY: '65536',
      LOG_MAX_MESSAGE: '1024',
      LOG_MAX_BATCH: '50',
    });
  });

  afterAll(() => running.close());

  beforeEach(async () => {
    await request(url()).post('/logs/panic').send({}).expect(200);
  });

  describe('POST /logs', () => {
    it('accepts an entry, masks it and returns id, seq and mask counts', async () => {
      const response = await request(url())
        .post('/logs')
        .send({
          level: 'error',
          message: 'Payment failed for jane.doe@example.com',
          service: 'checkout',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(/^\d+-\d+$/),
        masked: { EMAIL: 1 },
      });
      const stored = await request(url()).get(`/logs/${response.body.id}`).expect(200);
      expect(stored.body).toMatchObject({
        level: 'error',
        service: 'checkout',
        masked: { EMAIL: 1 },
      });
      expect(stored.body.message).not.toContain('jane.doe@example.com');
    });

    it('masks structured context too', async () => {
      const { body } = await request(url())
        .post('/logs')
        .send({
          level: 'info',
          message: 'charge',
          context: { card: '4111 1111 1111 1111', user: { email: 'a@b.io' } },
        })
        .expect(201);
      const stored = await request(url()).get(`/logs/${body.id}`).expect(200);
      expect(JSON.stringify(stored.body.context)).not.toMatch(/4111 1111|a@b\.io/);
    });

    it('accepts a raw pino line', async () => {
      const { body } = await request(url())
        .post('/logs')
        .send({
          level: 40,
          time: 1738324800000,
          pid: 7,
          hostname: 'web-1',
          name: 'api',
          msg: 'slow query',
          v: 1,
        })
        .expect(201);
      const stored = await request(url()).get(`/logs/${body.id}`).expect(200);
      expect(stored.body).toMatchObject({
        level: 'warn',
        service: 'api',
        message: 'slow query',
        timestamp: '2025-01-31T12:00:00.000Z',
        context: { pid: 7, hostname: 'web-1', v: 1 },
      });
    });

    it.each([
      [{ level: 'loud', message: 'x' }, 'level'],
      [{ level: 'info', message: 12 }, 'message'],
      [{ level: 'info' }, 'message'],
      [{ level: 'info', message: 'x', timestamp: 'noon' }, 'timestamp'],
      [{ level: 'info', message: 'x', context: [1] }, 'context'],
    ])('answers 400 naming the field for %j', async (payload, field) => {
      const response = await request(url()).post('/logs').send(payload).expect(400);
      expect(response.body.message).toMatch(new RegExp(`^${field}: `));
      expect(response.body.errors).toEqual([{ field, reason: expect.any(String) }]);
    });

    it('answers 400 for malformed JSON without echoing it', async () => {
      const response = await request(url())
        .post('/logs')
        .set('content-type', 'application/json')
        .send('{"level":"info","message":"secret@example.com"')
        .expect(400);
      expect(JSON.stringify(response.body)).not.toContain('secret@example.com');
    });

    it('answers 413 for a body over LOG_MAX_BODY', async () => {
      await request(url())
        .post('/logs')
        .send({ level: 'info', message: 'x'.repeat(70_000) })
        .expect(413);
    });

    it('cuts a message over LOG_MAX_MESSAGE and marks it', async () => {
      const { body } = await request(url())
        .post('/logs')
        .send({ level: 'info', message: 'y'.repeat(5000) })
        .expect(201);
      const stored = await request(url()).get(`/logs/${body.id}`).expect(200);
      expect(stored.body.truncated).toBe(true);
      expect(stored.body.message.length).toBeLessThanOrEqual(1024);
      const metrics = await request(url()).get('/logs/metrics').expect(200);
      expect(metrics.body.truncated).toBe(1);
    });

    it.each([
      [
        'too deep',
        {
          level: 'info',
          message: 'x',
          context: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } },
        },
      ],
      [
        'too many keys',
        {
          level: 'info',
          message: 'x',
          context: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])),
        },
      ],
    ])('answers 400 for context that is %s', async (_case, payload) => {
      const response = await request(url()).post('/logs').send(payload).expect(400);
      expect(response.body.message).toMatch(/^context: /);
    });

    it('refuses __proto__ keys and pollutes nothing', async () => {
      const response = await request(url())
        .post('/logs')
        .set('content-type', 'application/json')
        .send('{"level":"info","message":"x","context":{"__proto__":{"polluted":"yes"}}}')
        .expect(400);
      expect(response.body.message).toContain('forbidden key');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('answers 415 for a body it cannot read', async () => {
      await request(url())
        .post('/logs')
        .set('content-type', 'text/plain')
        .send('hello')
        .expect(415);
    });
  });

  describe('POST /logs/batch', () => {
    it('keeps good items of a JSON array and reports bad ones by index', async () => {
      const response = await request(url())
        .post('/logs/batch')
        .send([
          { level: 'info', message: 'one' },
          { level: 'bogus', message: 'two' },
          { level: 'warn', message: 'three' },
        ])
        .expect(201);
      expect(response.body).toMatchObject({
        accepted: 2,
        rejected: 1,
        errors: [{ index: 1, field: 'level' }],
      });
      expect(response.body.ids).toHaveLength(2);
      const metrics = await request(url()).get('/logs/metrics').expect(200);
      expect(metrics.body).toMatchObject({ totalReceived: 2, rejected: 1 });
    });

    it('reads NDJSON', async () => {
      const ndjson = ['{"level":"info","message":"a"}', 'not json', '{"level":30,"msg":"b"}'].join(
        '\n',
      );
      const response = await request(url())
        .post('/logs/batch')
        .set('content-type', 'application/x-ndjson')
        .send(ndjson)
        .expect(201);
      expect(response.body).toMatchObject({
        accepted: 2,
        rejected: 1,
        errors: [{ index: 1, reason: 'malformed JSON' }],
      });
    });

    it('answers 413 for more than LOG_MAX_BATCH entries', async () => {
      const batch = Array.from({ length: 51 }, () => ({ level: 'info', message: 'x' }));
      await request(url()).post('/logs/batch').send(batch).expect(413);
    });

    it('answers 400 for a body that is not a batch', async () => {
      const response = await request(url())
        .post('/logs/batch')
        .send({ level: 'info', message: 'x' })
        .expect(400);
      expect(response.body.message).toMatch(/^body: /);
    });
  });

  describe('reading', () => {
    beforeEach(async () => {
      await request(url())
        .post('/logs/batch')
        .send([
          {
            level: 'debug',
            message: 'cache warm',
            service: 'web',
            timestamp: '2025-01-01T00:00:00Z',
          },
          {
            level: 'info',
            message: 'user signed in',
            service: 'auth',
            timestamp: '2025-01-02T00:00:00Z',
          },
          {
            level: 'error',
            message: 'Payment FAILED',
            service: 'billing',
            timestamp: '2025-01-03T00:00:00Z',
          },
          {
            level: 'warn',
            message: 'payment slow',
            service: 'billing',
            timestamp: '2025-01-04T00:00:00Z',
          },
        ])
        .expect(201);
    });

    it('lists newest first', async () => {
      const { body } = await request(url()).get('/logs').expect(200);
      expect(body.entries.map((e: { message: string }) => e.message)).toEqual([
        'payment slow',
        'Payment FAILED',
        'user signed in',
        'cache warm',
      ]);
      expect(body.nextBefore).toBeNull();
    });

    it('pages with limit and before', async () => {
      const first = await request(url()).get('/logs?limit=2').expect(200);
      expect(first.body.entries).toHaveLength(2);
      const second = await request(url())
        .get(`/logs?limit=2&before=${first.body.nextBefore}`)
        .expect(200);
      expect(second.body.entries.map((e: { message: string }) => e.message)).toEqual([
        'user signed in',
        'cache warm',
      ]);
      const newer = await request(url())
        .get(`/logs?after=${second.body.entries[0].seq}`)
        .expect(200);
      expect(newer.body.entries).toHaveLength(2);
    });

    it.each([
      ['level=warn', ['payment slow', 'Payment FAILED']],
      ['service=billing', ['payment slow', 'Payment FAILED']],
      ['q=PAYMENT', ['payment slow', 'Payment FAILED']],
      [
        'since=2025-01-02T00:00:00Z&until=2025-01-03T00:00:00Z',
        ['Payment FAILED', 'user signed in'],
      ],
      [`until=${Date.parse('2025-01-01T12:00:00Z')}`, ['cache warm']],
    ])('filters by %s', async (query, messages) => {
      const { body } = await request(url()).get(`/logs?${query}`).expect(200);
      expect(body.entries.map((e: { message: string }) => e.message)).toEqual(messages);
    });

    it.each([
      ['limit=0'],
      ['limit=1001'],
      ['level=loud'],
      ['since=tomorrow'],
      ['before=-1'],
      ['colour=red'],
    ])('answers 400 for %s', async (query) => {
      await request(url()).get(`/logs?${query}`).expect(400);
    });

    it('returns an entry with its context', async () => {
      const list = await request(url()).get('/logs').expect(200);
      const middle = list.body.entries[1];
      const { body } = await request(url()).get(`/logs/${middle.id}/context?n=1`).expect(200);
      expect(body.target.id).toBe(middle.id);
      expect(body.before.map((e: { message: string }) => e.message)).toEqual(['user signed in']);
      expect(body.after.map((e: { message: string }) => e.message)).toEqual(['payment slow']);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      await request(url()).get('/logs/1-999999').expect(404);
      await request(url()).get('/logs/abc').expect(400);
      await request(url()).get('/logs/abc/context').expect(400);
    });
  });

  describe('metrics', () => {
    it('reports counts, store usage and the key epoch as JSON', async () => {
      await request(url())
        .post('/logs/batch')
        .send([
          { level: 'info', message: 'mail a@b.io', service: 'web' },
          { level: 'error', message: 'x', service: 'web' },
        ])
        .expect(201);
      const { body } = await request(url()).get('/logs/metrics').expect(200);
      expect(body).toMatchObject({
        totalReceived: 2,
        perLevel: { info: 1, error: 1 },
        perService: { web: 2 },
        maskedPerType: { EMAIL: 1 },
        storedEntries: 2,
        lockdown: false,
      });
      expect(body.storedBytes).toBeGreaterThan(0);
      expect(body.lastLogAt).toEqual(expect.any(String));
      expect(body.rate.history).toHaveLength(60);
    });

    it('serves Prometheus text without log content', async () => {
      await request(url())
        .post('/logs')
        .send({ level: 'warn', message: 'token for ops@example.com', service: 'secret-service' })
        .expect(201);
      const response = await request(url()).get('/metrics').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.text).toMatch(/^redtail_logs_received_total 1$/m);
      expect(response.text).toMatch(/^redtail_logs_by_level_total\{level="warn"\} 1$/m);
      expect(response.text).toMatch(/^redtail_masked_total\{type="EMAIL"\} 1$/m);
      expect(response.text).not.toMatch(/ops@example\.com|secret-service/);
    });
  });

  describe('panic', () => {
    it('wipes the store, resets metrics and starts a new epoch', async () => {
      const before = await request(url()).get('/logs/metrics').expect(200);
      const { body: posted } = await request(url())
        .post('/logs')
        .send({ level: 'info', message: 'x' })
        .expect(201);
      const { body } = await request(url()).post('/logs/panic').send({}).expect(200);
      expect(body).toMatchObject({ epoch: before.body.epoch + 1, cleared: 1, lockdown: false });
      await request(url()).get(`/logs/${posted.id}`).expect(404);
      const after = await request(url()).get('/logs/metrics').expect(200);
      expect(after.body).toMatchObject({
        totalReceived: 0,
        storedEntries: 0,
        storedBytes: 0,
        panicCount: before.body.panicCount + 1,
        epoch: body.epoch,
      });
    });

    it('locks ingestion down with 503 until resume', async () => {
      await request(url()).post('/logs/panic').send({ lockdown: true }).expect(200);
      const refused = await request(url())
        .post('/logs')
        .send({ level: 'info', message: 'x' })
        .expect(503);
      expect(refused.body.message).toContain('/logs/resume');
      // Shippers hold on and ask again rather than drop what they have.
      expect(refused.headers['retry-after']).toBe('30');
      await request(url())
        .post('/logs/batch')
        .send([{ level: 'info', message: 'x' }])
        .expect(503);
      expect((await request(url()).get('/logs/metrics')).body.lockdown).toBe(true);
      const resumed = await request(url()).post('/logs/resume').send({}).expect(200);
      expect(resumed.body).toEqual({ at: expect.any(String), lockdown: false });
      await request(url()).post('/logs').send({ level: 'info', message: 'x' }).expect(201);
    });

    it('answers 400 for a lockdown that is not a boolean', async () => {
      await request(url()).post('/logs/panic').send({ lockdown: 'yes' }).expect(400);
    });
  });
});

describe('ingest schema', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });

  afterAll(() => running.close());

  it('documents in Swagger exactly the schema the ingest validator enforces', async () => {
    const { body: spec } = await request(running.url).get('/api/docs-json').expect(200);
    const documented = spec.components.schemas.CreateLogDto;
    expect([...documented.required].sort()).toEqual([...LOG_INPUT_REQUIRED].sort());
    expect(Object.keys(documented.properties).sort()).toEqual(
      Object.keys(LOG_INPUT_PROPERTIES).sort(),
    );
    for (const [name, enforced] of Object.entries(LOG_INPUT_PROPERTIES)) {
      const shown = documented.properties[name];
      for (const keyword of ['type', 'oneOf', 'minLength', 'maxLength', 'description']) {
        expect([name, keyword, shown[keyword]]).toEqual([
          name,
          keyword,
          (enforced as Record<string, unknown>)[keyword],
        ]);
      }
    }
    const batch = spec.paths['/logs/batch'].post.requestBody.content;
    expect(Object.keys(batch)).toEqual(['application/json', 'application/x-ndjson']);
  });
});
