import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { collectLogs, connectLogs, LogsClient, subscribe } from './support/logs-client';
import { RunningApp, startApp } from './support/start-app';

/** Behind a reverse proxy that serves Redtail at /tools/redtail/ and forwards the path as is. */
describe('under REDTAIL_BASE_PATH', () => {
  const base = '/tools/redtail';
  let running: RunningApp;
  let dashboardDir: string;
  let socket: LogsClient | undefined;

  beforeAll(async () => {
    dashboardDir = mkdtempSync(join(tmpdir(), 'redtail-dashboard-'));
    writeFileSync(
      join(dashboardDir, 'index.html'),
      '<html><head><base href="/"></head><body><rt-root></rt-root>' +
        '<script src="main-ABC123.js"></script></body></html>',
    );
    writeFileSync(join(dashboardDir, 'main-ABC123.js'), 'console.info("dashboard");');
    // A file named like an API route must never shadow it.
    writeFileSync(join(dashboardDir, 'health'), 'not the health check');
    running = await startApp({
      REDTAIL_DASHBOARD_DIR: dashboardDir,
      REDTAIL_BASE_PATH: `${base}/`,
    });
  });

  afterAll(async () => {
    socket?.disconnect();
    await running.close();
    rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('serves the API under the base path and nothing at the root', async () => {
    const health = await request(running.url).get(`${base}/health`).expect(200);
    expect(health.body.status).toBe('ok');
    await request(running.url).get('/health').expect(404);
    await request(running.url).post('/logs').send({ level: 'info', message: 'x' }).expect(404);
  });

  it('serves the dashboard with its <base href> set to the base path, for every client route', async () => {
    for (const path of [`${base}/`, `${base}/some/view`]) {
      const page = await request(running.url).get(path).expect(200).expect('content-type', /html/);
      expect(page.text).toContain(`<base href="${base}/" />`);
      expect(page.text).not.toContain('<base href="/">');
    }
    const script = await request(running.url).get(`${base}/main-ABC123.js`).expect(200);
    expect(script.text).toContain('dashboard');
    await request(running.url).get('/').expect(404);
  });

  it('redirects the bare base path to its directory, keeping the query', async () => {
    const response = await request(running.url).get(`${base}?level=warn`).expect(301);
    expect(response.headers['location']).toBe(`${base}/?level=warn`);
  });

  it('lets browsers revalidate the rewritten index', async () => {
    const first = await request(running.url).get(`${base}/`).expect(200);
    expect(first.headers['cache-control']).toMatch(/max-age=3600/);
    await request(running.url)
      .get(`${base}/`)
      .set('If-None-Match', first.headers['etag'])
      .expect(304);
  });

  it('serves Swagger UI and an OpenAPI document whose paths carry the base path', async () => {
    await request(running.url).get(`${base}/api/docs`).expect(200).expect('content-type', /html/);
    const spec = await request(running.url).get(`${base}/api/docs-json`).expect(200);
    expect(Object.keys(spec.body.paths)).toContain(`${base}/logs`);
  });

  it('streams over Socket.IO at <base>/socket.io what is posted to <base>/logs', async () => {
    socket = await connectLogs(running.url, { path: `${base}/socket.io` });
    expect((await subscribe(socket, { backfill: 0 })).ok).toBe(true);
    const received = collectLogs(socket, 1);
    await request(running.url)
      .post(`${base}/logs`)
      .send({ level: 'warn', message: 'through the proxy' })
      .expect(201);
    expect((await received)[0]).toMatchObject({ level: 'warn', message: 'through the proxy' });
  });

  it('does not answer Socket.IO at the root path', async () => {
    await expect(connectLogs(running.url)).rejects.toThrow();
  });
});
