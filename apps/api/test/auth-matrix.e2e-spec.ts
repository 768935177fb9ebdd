import type { AuditEvent } from '@redtail/contracts';
import request from 'supertest';
import { type LogsClient, subscribe } from './support/logs-client';
import { type HandshakeRefusal, tryConnect } from './support/handshake';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

type Caller = 'no key' | 'ingest' | 'viewer' | 'admin';
const CALLERS: Caller[] = ['no key', 'ingest', 'viewer', 'admin'];
const SECRET: Record<Caller, string | undefined> = {
  'no key': undefined,
  ingest: KEYS.ingest,
  viewer: KEYS.viewer,
  admin: KEYS.admin,
};

interface Route {
  method: 'get' | 'post';
  path: (id: string) => string;
  body?: unknown;
  type?: string;
  /** Expected status for: no key, ingest, viewer, admin. */
  expected: [number, number, number, number];
}

const LINE = { level: 'info', message: 'matrix line', service: 'matrix' };
const BULK = '{"index":{"_index":"matrix"}}\n{"msg":"matrix line"}\n';

/** Every HTTP route but panic and resume, which wipe the store and have their own table. */
const ROUTES: Record<string, Route> = {
  'GET /health': { method: 'get', path: () => '/health', expected: [200, 200, 200, 200] },
  'GET /health/live': { method: 'get', path: () => '/health/live', expected: [200, 200, 200, 200] },
  'GET /auth/mode': { method: 'get', path: () => '/auth/mode', expected: [200, 200, 200, 200] },
  'GET /auth/me': { method: 'get', path: () => '/auth/me', expected: [401, 200, 200, 200] },
  'GET /audit': { method: 'get', path: () => '/audit', expected: [401, 403, 403, 200] },
  'POST /logs': { method: 'post', path: () => '/logs', body: LINE, expected: [401, 201, 403, 201] },
  'POST /logs/batch': {
    method: 'post',
    path: () => '/logs/batch',
    body: [LINE, LINE],
    expected: [401, 201, 403, 201],
  },
  'POST /logs/stream': {
    method: 'post',
    path: () => '/logs/stream',
    body: `${JSON.stringify(LINE)}\n`,
    type: 'application/x-ndjson',
    expected: [401, 200, 403, 200],
  },
  'GET /logs': { method: 'get', path: () => '/logs', expected: [401, 403, 200, 200] },
  'GET /logs/histogram': {
    method: 'get',
    path: () => '/logs/histogram',
    expected: [401, 403, 200, 200],
  },
  'GET /logs/values': {
    method: 'get',
    path: () => '/logs/values?field=user.id',
    expected: [401, 403, 200, 200],
  },
  'GET /logs/metrics': {
    method: 'get',
    path: () => '/logs/metrics',
    expected: [401, 403, 200, 200],
  },
  'GET /logs/:id': { method: 'get', path: (id) => `/logs/${id}`, expected: [401, 403, 200, 200] },
  'GET /logs/:id/context': {
    method: 'get',
    path: (id) => `/logs/${id}/context`,
    expected: [401, 403, 200, 200],
  },
  'GET /metrics': { method: 'get', path: () => '/metrics', expected: [401, 403, 200, 200] },
};

const ADMIN_ROUTES: Record<string, Route> = {
  'POST /logs/panic': {
    method: 'post',
    path: () => '/logs/panic',
    body: {},
    expected: [401, 403, 403, 200],
  },
  'POST /logs/resume': {
    method: 'post',
    path: () => '/logs/resume',
    body: {},
    expected: [401, 403, 403, 200],
  },
};

/** The shippers' doors: not in the OpenAPI document (they speak other protocols), same roles. */
const DOOR_ROUTES: Record<string, Route> = {
  'POST /v1/logs': {
    method: 'post',
    path: () => '/v1/logs',
    body: { resourceLogs: [] },
    expected: [401, 200, 403, 200],
  },
  'POST /loki/api/v1/push': {
    method: 'post',
    path: () => '/loki/api/v1/push',
    body: { streams: [{ stream: { job: 'matrix' }, values: [['1764000000000000000', 'x']] }] },
    expected: [401, 204, 403, 204],
  },
  'POST /_bulk': {
    method: 'post',
    path: () => '/_bulk',
    body: BULK,
    type: 'application/x-ndjson',
    expected: [401, 200, 403, 200],
  },
  'POST /:index/_bulk': {
    method: 'post',
    path: () => '/matrix/_bulk',
    body: BULK,
    type: 'application/x-ndjson',
    expected: [401, 200, 403, 200],
  },
  'GET /_refresh': { method: 'get', path: () => '/_refresh', expected: [401, 200, 403, 200] },
  'GET /:index/_refresh': {
    method: 'get',
    path: () => '/matrix/_refresh',
    expected: [401, 200, 403, 200],
  },
};

function call(url: string, route: Route, id: string, caller: Caller) {
  let pending = request(url)[route.method](route.path(id));
  const secret = SECRET[caller];
  if (secret) pending = pending.set(bearer(secret));
  if (route.type) pending = pending.set('content-type', route.type);
  return route.body === undefined ? pending : pending.send(route.body as object);
}

function rows(routes: Record<string, Route>): [string, Caller, number][] {
  return Object.entries(routes).flatMap(([name, route]) =>
    CALLERS.map((caller, index): [string, Caller, number] => [name, caller, route.expected[index]]),
  );
}

describe('role × endpoint matrix', () => {
  let running: RunningApp;
  let id: string;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
    const created = await request(running.url)
      .post('/logs')
      .set(bearer(KEYS.ingest))
      .send(LINE)
      .expect(201);
    id = created.body.id;
  });
  afterAll(() => running.close());

  it('covers every HTTP route the application maps', async () => {
    const spec = await request(running.url).get('/api/docs-json').expect(200);
    const documented = Object.entries(spec.body.paths as Record<string, object>).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map(
          (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
    );
    expect(documented.sort()).toEqual(Object.keys({ ...ROUTES, ...ADMIN_ROUTES }).sort());
  });

  it.each(rows(ROUTES))('%s with %s → %i', async (name, caller, status) => {
    await call(running.url, ROUTES[name], id, caller).expect(status);
  });

  it.each(rows(DOOR_ROUTES))('%s with %s → %i', async (name, caller, status) => {
    await call(running.url, DOOR_ROUTES[name], id, caller).expect(status);
  });

  it.each(rows(ADMIN_ROUTES))('%s with %s → %i', async (name, caller, status) => {
    await call(running.url, ADMIN_ROUTES[name], id, caller).expect(status);
  });

  describe('socket events', () => {
    const open: LogsClient[] = [];
    afterAll(() => open.forEach((socket) => socket.close()));

    async function connect(caller: Caller): Promise<LogsClient> {
      const socket = await tryConnect(running.url, { token: SECRET[caller] });
      open.push(socket);
      return socket;
    }

    it.each([
      ['no key', 'unauthorized'],
      ['ingest', 'forbidden'],
    ] as [Caller, string][])('refuses the handshake with %s (%s)', async (caller, code) => {
      const error: HandshakeRefusal = await tryConnect(running.url, {
        token: SECRET[caller],
      }).then(
        (socket) => {
          socket.close();
          throw new Error('admitted');
        },
        (refused: HandshakeRefusal) => refused,
      );
      expect(error.data?.code).toBe(code);
    });

    it.each(['viewer', 'admin'] as Caller[])(
      'lets %s subscribe and unsubscribe',
      async (caller) => {
        const socket = await connect(caller);
        expect(await subscribe(socket)).toMatchObject({ ok: true });
        socket.emit('unsubscribe');
        // Still subscribed-capable after unsubscribing: the event was accepted, not an error.
        expect(await subscribe(socket)).toMatchObject({ ok: true });
      },
    );

    it('refuses panic and resume from a viewer, per event', async () => {
      const socket = await connect('viewer');
      expect(await socket.emitWithAck('panic', {})).toEqual({
        ok: false,
        error: expect.stringMatching(/forbidden/),
      });
      expect(await socket.emitWithAck('resume')).toEqual({
        ok: false,
        error: expect.stringMatching(/forbidden/),
      });
    });

    it('lets an admin panic and resume over the socket', async () => {
      const socket = await connect('admin');
      expect(await socket.emitWithAck('panic', {})).toMatchObject({ ok: true });
      expect(await socket.emitWithAck('resume')).toEqual({ ok: true });
    });
  });
});

describe('service-bound ingest keys', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });
  afterAll(() => running.close());

  it('files every entry under the bound service, whatever the body claims', async () => {
    const single = await request(running.url)
      .post('/logs')
      .set(bearer(KEYS.boundIngest))
      .send({ level: 'info', message: 'spoof attempt', service: 'billing' })
      .expect(201);
    const batch = await request(running.url)
      .post('/logs/batch')
      .set(bearer(KEYS.boundIngest))
      .send([
        { level: 'info', message: 'one', service: 'billing' },
        { level: 'info', message: 'two' },
      ])
      .expect(201);

    for (const id of [single.body.id, ...batch.body.ids]) {
      const entry = await request(running.url).get(`/logs/${id}`).set(bearer(KEYS.viewer));
      expect(entry.body.service).toBe('checkout');
    }
  });

  it('leaves the service to the body for an unbound ingest key', async () => {
    const created = await request(running.url)
      .post('/logs')
      .set(bearer(KEYS.ingest))
      .send({ level: 'info', message: 'free choice', service: 'billing' })
      .expect(201);
    const entry = await request(running.url)
      .get(`/logs/${created.body.id}`)
      .set(bearer(KEYS.viewer));
    expect(entry.body.service).toBe('billing');
  });
});

describe('/metrics with REDTAIL_METRICS_PUBLIC=true', () => {
  it('is open to a scraper without a key, while other reads stay guarded', async () => {
    const running = await startApp({ ...KEY_ENV, REDTAIL_METRICS_PUBLIC: 'true' });
    try {
      await request(running.url).get('/metrics').expect(200);
      await request(running.url).get('/logs/metrics').expect(401);
    } finally {
      await running.close();
    }
  });
});

describe('panic and resume in the audit trail', () => {
  it('records who panicked and resumed, over HTTP and the socket, and survives the wipe', async () => {
    const running = await startApp(KEY_ENV);
    try {
      await request(running.url).get('/audit').set(bearer('wrong-key-000000000000')).expect(401);
      await request(running.url).post('/logs/panic').set(bearer(KEYS.admin)).send({}).expect(200);
      await request(running.url).post('/logs/resume').set(bearer(KEYS.admin)).send({}).expect(200);
      const socket = await tryConnect(running.url, { token: KEYS.admin });
      await socket.emitWithAck('panic', {});
      socket.close();

      const audit = await request(running.url).get('/audit').set(bearer(KEYS.admin)).expect(200);
      const events = (audit.body as AuditEvent[]).map(({ type, actor, detail }) => ({
        type,
        actor,
        detail,
      }));
      expect(events).toEqual([
        { type: 'panic', actor: 'ops', detail: 'socket /logs panic' },
        { type: 'resume', actor: 'ops', detail: 'POST /logs/resume' },
        { type: 'panic', actor: 'ops', detail: 'POST /logs/panic' },
        { type: 'auth-failed', actor: 'unknown', detail: 'GET /audit' },
      ]);
    } finally {
      await running.close();
    }
  });
});
