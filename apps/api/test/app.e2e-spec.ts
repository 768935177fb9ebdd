import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from './support/start-app';

describe('application shell', () => {
  let running: RunningApp;
  let dashboardDir: string;

  beforeAll(async () => {
    dashboardDir = mkdtempSync(join(tmpdir(), 'redtail-dashboard-'));
    writeFileSync(
      join(dashboardDir, 'index.html'),
      '<html><body><rt-root></rt-root></body></html>',
    );
    writeFileSync(join(dashboardDir, 'main-ABC123.js'), 'console.info("dashboard");');
    running = await startApp({ REDTAIL_DASHBOARD_DIR: dashboardDir });
  });

  afterAll(async () => {
    await running.close();
    rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('reports liveness and readiness on /health', async () => {
    const ready = await request(running.url).get('/health').expect(200);
    expect(ready.body.status).toBe('ok');
    await request(running.url).get('/health/live').expect(200);
  });

  it('serves Swagger UI and the OpenAPI document', async () => {
    await request(running.url).get('/api/docs').expect(200).expect('content-type', /html/);
    const spec = await request(running.url).get('/api/docs-json').expect(200);
    expect(spec.body.info.title).toBe('Redtail');
    expect(Object.keys(spec.body.paths)).toContain('/health');
  });

  it('serves the dashboard at / and falls back to it for client-side routes', async () => {
    const home = await request(running.url).get('/').expect(200);
    expect(home.text).toContain('<rt-root>');
    const deepLink = await request(running.url).get('/some/view').expect(200);
    expect(deepLink.text).toContain('<rt-root>');
  });

  it.each(['/', '/main-ABC123.js'])(
    'lets browsers cache and revalidate the dashboard file %s',
    async (path) => {
      const first = await request(running.url).get(path).expect(200);
      expect(first.headers['etag']).toEqual(expect.any(String));
      expect(first.headers['last-modified']).toEqual(expect.any(String));
      expect(first.headers['cache-control']).toMatch(/max-age=3600/);
      await request(running.url).get(path).set('If-None-Match', first.headers['etag']).expect(304);
    },
  );

  it('skips hashing API responses into an ETag', async () => {
    const health = await request(running.url).get('/health').expect(200);
    expect(health.headers['etag']).toBeUndefined();
    const created = await request(running.url)
      .post('/logs')
      .send({ level: 'info', message: 'x' })
      .expect(201);
    expect(created.headers['etag']).toBeUndefined();
  });

  it('answers unknown API routes with a JSON 404 instead of the dashboard', async () => {
    const response = await request(running.url).get('/health/nope').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('does not advertise the framework', async () => {
    const response = await request(running.url).get('/health');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
