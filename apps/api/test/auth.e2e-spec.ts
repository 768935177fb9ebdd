import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AuditEvent } from '@redtail/contracts';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppModule } from '../src/app/app.module';
import { validateEnv } from '../src/app/env';
import { ApiKeyService } from '../src/auth/api-key.service';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

/** Nest's testing module takes a logger object, not `false`, to stay quiet while compiling. */
const SILENT_LOGGER = { log: () => undefined, error: () => undefined, warn: () => undefined };

describe('authentication over HTTP', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });
  afterAll(() => running.close());

  it('keeps /health open', async () => {
    await request(running.url).get('/health').expect(200);
    await request(running.url).get('/health/live').expect(200);
  });

  it('says without a key that keys are required', async () => {
    const response = await request(running.url).get('/auth/mode').expect(200);
    expect(response.body).toEqual({ authDisabled: false });
  });

  it('answers a request without a key with 401, a Bearer challenge and how to send one', async () => {
    const response = await request(running.url).get('/auth/me').expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="redtail"');
    expect(response.body.message).toMatch(/Authorization: Bearer/);
  });

  it('answers Basic authorization without a password by saying where the key goes', async () => {
    const response = await request(running.url)
      .get('/auth/me')
      .set('Authorization', `Basic ${Buffer.from(KEYS.admin).toString('base64')}`)
      .expect(401);
    expect(response.body.message).toBe(
      'HTTP Basic authorization must carry base64 of "user:key": the key is the password',
    );
    expect(JSON.stringify(response.body)).not.toContain(KEYS.admin);
  });

  it.each([
    [
      'the key without the Bearer word',
      KEYS.admin,
      'the word Bearer and a space go before the key',
    ],
    ['another scheme', `Digest ${KEYS.admin}`, 'the word Bearer and a space go before the key'],
    ['Bearer and nothing', 'Bearer ', 'one key after Bearer, without spaces'],
    [
      'two words after Bearer',
      `Bearer ${KEYS.admin} extra`,
      'one key after Bearer, without spaces',
    ],
  ])(
    'answers an Authorization header with %s by saying how to write it, quoting nothing',
    async (_label, header, hint) => {
      const response = await request(running.url)
        .get('/auth/me')
        .set('Authorization', header)
        .expect(401);
      expect(response.body.message).toBe(
        `The Authorization header must read "Bearer <key>": ${hint}`,
      );
      expect(JSON.stringify(response.body)).not.toContain(KEYS.admin);
    },
  );

  it('answers an unknown key with 401', async () => {
    const response = await request(running.url)
      .get('/auth/me')
      .set(bearer('not-a-key-anyone-configured'))
      .expect(401);
    expect(response.body.message).toBe('Unknown API key');
  });

  it.each([
    ['admin', KEYS.admin, { name: 'ops', role: 'admin' }],
    ['viewer', KEYS.viewer, { name: 'alice', role: 'viewer' }],
    ['ingest', KEYS.ingest, { name: 'shipper', role: 'ingest' }],
  ])('tells the %s key who it is on /auth/me', async (_role, secret, identity) => {
    const response = await request(running.url).get('/auth/me').set(bearer(secret)).expect(200);
    expect(response.body).toEqual({ ...identity, authDisabled: false });
  });

  it('accepts the key in X-API-Key as well', async () => {
    const response = await request(running.url)
      .get('/auth/me')
      .set('X-API-Key', KEYS.viewer)
      .expect(200);
    expect(response.body.name).toBe('alice');
  });

  it('reports the service an ingest key is bound to', async () => {
    const response = await request(running.url)
      .get('/auth/me')
      .set(bearer(KEYS.boundIngest))
      .expect(200);
    expect(response.body).toMatchObject({ name: 'checkout', role: 'ingest', service: 'checkout' });
  });

  it('answers a known key without the role with 403 naming the key and the role needed', async () => {
    const response = await request(running.url).get('/audit').set(bearer(KEYS.viewer)).expect(403);
    expect(response.body.message).toMatch(/"alice" has the viewer role; this needs admin/);
  });

  it('records failures in the audit trail by key name or unknown, never with the secret', async () => {
    const guessed = 'guessed-secret-value-1234';
    await request(running.url).get('/auth/me').set(bearer(guessed)).expect(401);
    await request(running.url).get('/audit').set(bearer(KEYS.ingest)).expect(403);

    const response = await request(running.url).get('/audit').set(bearer(KEYS.admin)).expect(200);
    const events = response.body as AuditEvent[];
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'auth-failed',
          actor: 'unknown',
          address: expect.stringMatching(/127\.0\.0\.1/),
          detail: 'GET /auth/me',
        }),
        expect.objectContaining({ type: 'forbidden', actor: 'shipper', detail: 'GET /audit' }),
      ]),
    );
    const text = JSON.stringify(events);
    for (const secret of [guessed, ...Object.values(KEYS)]) expect(text).not.toContain(secret);
  });

  it('sends a Content-Security-Policy without inline scripts and no CORS headers by default', async () => {
    const response = await request(running.url)
      .get('/health')
      .set('Origin', 'https://evil.example')
      .expect(200);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('offers Bearer and X-API-Key to Swagger UI', async () => {
    const spec = await request(running.url).get('/api/docs-json').expect(200);
    expect(Object.keys(spec.body.components.securitySchemes)).toEqual(['bearer', 'api-key']);
    // Per operation, so the open routes can say `security: []` (openapi.e2e-spec.ts).
    expect(spec.body.paths['/logs'].get.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
  });
});

describe('CORS allow-list', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ ...KEY_ENV, REDTAIL_CORS_ORIGINS: 'https://ops.example.com' });
  });
  afterAll(() => running.close());

  it('answers listed origins and only them', async () => {
    const allowed = await request(running.url)
      .options('/auth/me')
      .set('Origin', 'https://ops.example.com')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.com');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/);

    const other = await request(running.url).get('/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({
      ...KEY_ENV,
      REDTAIL_RATE_LIMIT: '3',
      REDTAIL_RATE_WINDOW_MS: '1000',
    });
  });
  afterAll(() => running.close());

  it('answers 429 with Retry-After past the limit, audits it, and recovers in the next window', async () => {
    const me = () => request(running.url).get('/auth/me').set(bearer(KEYS.viewer));
    for (let i = 0; i < 3; i++) await me().expect(200);
    const limited = await me().expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body.message).toMatch(/Rate limit exceeded/);

    // Another key has its own budget.
    await request(running.url).get('/auth/me').set(bearer(KEYS.ingest)).expect(200);

    await new Promise((resolve) =>
      setTimeout(resolve, Number(limited.headers['retry-after']) * 1000),
    );
    await me().expect(200);

    const audit = await request(running.url).get('/audit').set(bearer(KEYS.admin)).expect(200);
    expect(audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'rate-limited', actor: 'alice', detail: 'GET /auth/me' }),
      ]),
    );
  });

  it('limits requests without a valid key per address, so keys cannot be guessed at speed', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await request(running.url)
        .get('/auth/me')
        .set(bearer(`guess-${i}-000000000000`));
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('secure defaults', () => {
  it('generates working admin and ingest keys when none are configured', async () => {
    const running = await startApp({ REDTAIL_AUTH: 'on' });
    try {
      const generated = running.app.get(ApiKeyService).takeGeneratedKeys();
      const admin = generated.find((key) => key.role === 'admin');
      const ingest = generated.find((key) => key.role === 'ingest');
      await request(running.url).get('/audit').expect(401);
      await request(running.url)
        .get('/audit')
        .set(bearer(admin?.secret ?? ''))
        .expect(200);
      await request(running.url)
        .get('/audit')
        .set(bearer(ingest?.secret ?? ''))
        .expect(403);
    } finally {
      await running.close();
    }
  });

  it('opens everything to an anonymous admin with REDTAIL_AUTH=off', async () => {
    const running = await startApp({ REDTAIL_AUTH: 'off' });
    try {
      const me = await request(running.url).get('/auth/me').expect(200);
      expect(me.body).toEqual({ name: 'anonymous', role: 'admin', authDisabled: true });
      const mode = await request(running.url).get('/auth/mode').expect(200);
      expect(mode.body).toEqual({ authDisabled: true });
      await request(running.url).get('/audit').expect(200);
    } finally {
      await running.close();
    }
  });

  it('refuses a route that declares neither @Roles nor @Public', async () => {
    @Controller('forgotten')
    class ForgottenController {
      @Get()
      open() {
        return 'should not be reachable';
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(validateEnv({ ...process.env, ...KEY_ENV }))],
      controllers: [ForgottenController],
    })
      .setLogger(SILENT_LOGGER)
      .compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const response = await request(`http://127.0.0.1:${port}`)
        .get('/forgotten')
        .set(bearer(KEYS.admin))
        .expect(403);
      expect(response.body.message).toBe('This route declares no access policy');
    } finally {
      await app.close();
    }
  });
});
