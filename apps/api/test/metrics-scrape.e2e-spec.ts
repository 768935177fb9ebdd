import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from './support/start-app';
import { KEY_ENV, KEYS } from './support/test-keys';

/** The headers Prometheus 2.x sends with every scrape. */
const PROMETHEUS_HEADERS = {
  Accept:
    'application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
  'User-Agent': 'Prometheus/2.53.0',
  'X-Prometheus-Scrape-Timeout-Seconds': '10',
};

/**
 * The scrape the README documents: `authorization: { credentials_file: … }` holding a viewer
 * key. Prometheus reads the file, trims it and sends `Authorization: Bearer <contents>`.
 */
describe('scraping /metrics as Prometheus does', () => {
  let dir: string;

  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'redtail-prometheus-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function credentialsFile(secret: string): string {
    const path = join(dir, 'redtail-viewer.key');
    writeFileSync(path, `${secret}\n`, { mode: 0o600 });
    return readFileSync(path, 'utf8').trim();
  }

  describe('with keys required', () => {
    let running: RunningApp;
    beforeAll(async () => (running = await startApp(KEY_ENV)));
    afterAll(() => running.close());

    it('answers a scrape that presents a viewer key from a credentials file', async () => {
      const response = await request(running.url)
        .get('/metrics')
        .set(PROMETHEUS_HEADERS)
        .set('Authorization', `Bearer ${credentialsFile(KEYS.viewer)}`)
        .expect(200);
      expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(response.text).toContain('# TYPE redtail_logs_received_total counter');
    });

    it('refuses a scrape without a key, saying how to send one', async () => {
      const response = await request(running.url)
        .get('/metrics')
        .set(PROMETHEUS_HEADERS)
        .expect(401);
      expect(response.body.message).toContain('Authorization: Bearer <key>');
    });

    it('refuses an ingest key: reading metrics is for viewers', async () => {
      await request(running.url)
        .get('/metrics')
        .set(PROMETHEUS_HEADERS)
        .set('Authorization', `Bearer ${credentialsFile(KEYS.ingest)}`)
        .expect(403);
    });
  });

  describe('with REDTAIL_METRICS_PUBLIC=true', () => {
    let running: RunningApp;
    beforeAll(
      async () => (running = await startApp({ ...KEY_ENV, REDTAIL_METRICS_PUBLIC: 'true' })),
    );
    afterAll(() => running.close());

    it('answers a scrape without a key, and only /metrics', async () => {
      const response = await request(running.url)
        .get('/metrics')
        .set(PROMETHEUS_HEADERS)
        .expect(200);
      expect(response.text).toContain('redtail_store_entries');
      await request(running.url).get('/logs/metrics').expect(401);
    });
  });
});
