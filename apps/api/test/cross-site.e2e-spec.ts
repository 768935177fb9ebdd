import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

type Call = ReturnType<ReturnType<typeof request>['post']>;

/**
 * What another site can make the operator's browser send without a CORS preflight: no body,
 * or a body typed as a form, multipart or text/plain.
 */
const SIMPLE_REQUESTS: [string, (call: Call) => Call][] = [
  ['a bodiless POST (no-cors fetch)', (call) => call.set('content-length', '0')],
  ['an empty form', (call) => call.type('form').send('')],
  ['a form with fields', (call) => call.type('form').send('lockdown=true')],
  ['text/plain JSON', (call) => call.set('content-type', 'text/plain').send('{"lockdown":true}')],
  ['an empty text/plain body', (call) => call.set('content-type', 'text/plain').send('')],
  ['multipart', (call) => call.field('lockdown', 'true')],
];

/** Angular's HttpClient sends an object body as this exact content type. */
function asDashboard(call: Call, body: object): Call {
  return call.set('content-type', 'application/json').send(JSON.stringify(body));
}

describe('cross-site requests with REDTAIL_AUTH=off', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.close());

  async function messages(): Promise<string[]> {
    const listed = await request(running.url).get('/logs').expect(200);
    return listed.body.entries.map((entry: { message: string }) => entry.message);
  }

  it.each(SIMPLE_REQUESTS)(
    'refuses %s to POST /logs/panic with 415 and keeps the store',
    async (_name, shape) => {
      await request(running.url).post('/logs').send({ level: 'info', message: 'kept' }).expect(201);
      const before = await request(running.url).get('/logs/metrics').expect(200);

      const refused = await shape(request(running.url).post('/logs/panic')).expect(415);

      expect(refused.body.message).toContain('application/json');
      expect(await messages()).toContain('kept');
      const after = await request(running.url).get('/logs/metrics').expect(200);
      expect(after.body).toMatchObject({
        panicCount: before.body.panicCount,
        epoch: before.body.epoch,
        lockdown: false,
      });
    },
  );

  it('names the missing content type for a bodiless panic', async () => {
    const refused = await request(running.url)
      .post('/logs/panic')
      .set('content-length', '0')
      .expect(415);
    expect(refused.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message:
        'Content-Type must be application/json: with REDTAIL_AUTH=off it is what keeps other websites from calling this; send {} for no options',
    });
  });

  it.each(SIMPLE_REQUESTS)(
    'refuses %s to POST /logs/resume, so a lockdown stays on',
    async (_name, shape) => {
      await asDashboard(request(running.url).post('/logs/panic'), { lockdown: true }).expect(200);

      await shape(request(running.url).post('/logs/resume')).expect(415);

      await request(running.url).post('/logs').send({ level: 'info', message: 'x' }).expect(503);
      await asDashboard(request(running.url).post('/logs/resume'), {}).expect(200);
    },
  );

  it('runs panic and resume called the way the dashboard calls them', async () => {
    await request(running.url).post('/logs').send({ level: 'info', message: 'wiped' }).expect(201);

    const panic = await asDashboard(request(running.url).post('/logs/panic'), {
      lockdown: true,
    }).expect(200);
    expect(panic.body).toMatchObject({ lockdown: true, cleared: expect.any(Number) });
    expect(await messages()).toEqual([]);

    const resumed = await asDashboard(request(running.url).post('/logs/resume'), {}).expect(200);
    expect(resumed.body).toEqual({ at: expect.any(String), lockdown: false });
  });

  it('accepts a charset parameter on the JSON content type', async () => {
    await request(running.url)
      .post('/logs/resume')
      .set('content-type', 'application/json; charset=utf-8')
      .send('{}')
      .expect(200);
  });

  it('documents the JSON body in the OpenAPI spec, so Swagger UI sends it', async () => {
    const spec = await request(running.url).get('/api/docs-json').expect(200);
    for (const path of ['/logs/panic', '/logs/resume']) {
      const operation = spec.body.paths[path].post;
      expect(Object.keys(operation.requestBody.content)).toEqual(['application/json']);
      expect(operation.responses['415']).toBeDefined();
    }
  });
});

describe('cross-site requests with authentication on', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });
  afterAll(() => running.close());

  it.each(['/logs/panic', '/logs/resume'])(
    'takes a bare POST with an admin key in a header (curl -X POST -H Authorization) at %s',
    async (path) => {
      const answer = await bare(`${running.url}${path}`, bearer(KEYS.admin));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ lockdown: false });
    },
  );

  it('takes X-API-Key the same way, and a JSON body as before', async () => {
    expect((await bare(`${running.url}/logs/panic`, { 'X-API-Key': KEYS.admin })).status).toBe(200);
    await request(running.url)
      .post('/logs/panic')
      .set(bearer(KEYS.admin))
      .send({ lockdown: true })
      .expect(200)
      .expect(({ body }) => expect(body.lockdown).toBe(true));
    await request(running.url).post('/logs/resume').set(bearer(KEYS.admin)).send({}).expect(200);
  });

  it.each(SIMPLE_REQUESTS.filter(([name]) => !name.startsWith('a bodiless')))(
    'still refuses %s with an admin key: nothing here reads it',
    async (_name, shape) => {
      const refused = await shape(request(running.url).post('/logs/panic').set(bearer(KEYS.admin)));
      expect(refused.status).toBe(415);
      expect(refused.body.message).toContain('Send no body, or a JSON object');
    },
  );

  it('answers a keyless bodiless panic with 401 before looking at the body', async () => {
    await request(running.url).post('/logs/panic').set('content-length', '0').expect(401);
  });
});

/** Exactly what `curl -X POST -H …` sends: no Content-Type, no Content-Length, no body. */
function bare(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
      );
    });
    call.on('error', reject);
    call.end();
  });
}
