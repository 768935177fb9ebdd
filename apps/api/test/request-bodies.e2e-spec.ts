import request from 'supertest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

describe('request bodies Redtail does not read', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.close());

  it.each([
    ['/logs', 'Content-Type must be application/json or application/x-ndjson'],
    ['/logs/batch', 'Content-Type must be application/json (an array) or application/x-ndjson'],
    ['/logs/panic', expect.stringContaining('Content-Type must be application/json')],
  ])('answers a form-encoded POST %s with 415 naming the accepted types', async (path, message) => {
    const response = await request(running.url)
      .post(path)
      .type('form')
      .send('level=info&message=hello')
      .expect(415);
    expect(response.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message,
    });
  });

  it('answers a form posted to a path that does not exist with 404, not 415', async () => {
    await request(running.url)
      .post('/logs/nowhere')
      .type('form')
      .send('level=info&message=hello')
      .expect(404);
  });

  it('answers multipart and text/plain bodies with 415 too', async () => {
    await request(running.url).post('/logs').field('level', 'info').expect(415);
    await request(running.url)
      .post('/logs/batch')
      .set('content-type', 'text/plain')
      .send('{"level":"info","message":"x"}')
      .expect(415);
  });

  it('does not take a form for an empty panic request', async () => {
    await request(running.url).post('/logs').send({ level: 'info', message: 'kept' }).expect(201);
    await request(running.url).post('/logs/panic').type('form').send('lockdown=true').expect(415);
    const listed = await request(running.url).get('/logs').expect(200);
    expect(listed.body.entries.map((entry: { message: string }) => entry.message)).toContain(
      'kept',
    );
  });

  it('answers a POST /logs/resume that carries no body with 415 naming application/json', async () => {
    const refused = await request(running.url)
      .post('/logs/resume')
      .set('content-length', '0')
      .expect(415);
    expect(refused.body.message).toContain('application/json');
  });
});

describe('request bodies with authentication on', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });
  afterAll(() => running.close());

  it('asks a form without a key for the key first (401), before looking at its body', async () => {
    for (const path of ['/logs', '/logs/batch', '/logs/panic']) {
      await request(running.url).post(path).type('form').send('level=info&message=x').expect(401);
    }
  });

  it('refuses a form from a valid ingest key with 415, never a 5xx', async () => {
    await request(running.url)
      .post('/logs')
      .set(bearer(KEYS.ingest))
      .type('form')
      .send('level=info&message=hello')
      .expect(415);
  });
});
