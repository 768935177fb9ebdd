import request from 'supertest';
import { RunningApp, startApp } from './support/start-app';

describe('a server that warmed its pipeline up before listening', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ REDTAIL_WARMUP_ENTRIES: '3000' });
  });
  afterAll(() => running.close());

  it('shows none of the made-up entries and counts none of them', async () => {
    const { body: page } = await request(running.url).get('/logs').expect(200);
    expect(page.entries).toEqual([]);
    const { body: metrics } = await request(running.url).get('/logs/metrics').expect(200);
    expect(metrics.totalReceived).toBe(0);
    expect(metrics.storedEntries).toBe(0);
    expect(metrics.perLevel.info).toBe(0);
  });

  it('starts numbering real entries at 1', async () => {
    const { body } = await request(running.url)
      .post('/logs')
      .send({ level: 'info', message: 'first real entry' })
      .expect(201);
    expect(body.seq).toBe(1);
  });
});
