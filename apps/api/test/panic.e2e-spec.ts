import request from 'supertest';
import { connectLogs, LogsClient, nextEvent, subscribe } from './support/logs-client';
import { RunningApp, startApp } from './support/start-app';

describe('panic', () => {
  let running: RunningApp;
  let clients: LogsClient[];

  beforeAll(async () => {
    running = await startApp();
  });

  afterEach(() => {
    for (const client of clients) client.disconnect();
  });

  afterAll(() => running.close());

  it('alerts every dashboard at once and leaves the store and metrics empty', async () => {
    clients = [await connectLogs(running.url), await connectLogs(running.url)];
    await subscribe(clients[0]);
    await request(running.url)
      .post('/logs/batch')
      .send([
        { level: 'info', message: 'a' },
        { level: 'error', message: 'b' },
      ])
      .expect(201);

    const seen = clients.map((client) => nextEvent(client, 'panic'));
    const { body } = await request(running.url).post('/logs/panic').send({}).expect(200);
    const events = await Promise.all(seen);
    expect(events).toEqual([body, body]);
    expect(body).toMatchObject({ cleared: 2, epoch: 2 });

    const listed = await request(running.url).get('/logs').expect(200);
    expect(listed.body.entries).toEqual([]);
    const metrics = await request(running.url).get('/logs/metrics').expect(200);
    expect(metrics.body).toMatchObject({
      totalReceived: 0,
      storedEntries: 0,
      storedBytes: 0,
      perService: {},
      maskedPerType: {},
      panicCount: 1,
      epoch: 2,
    });
    const resubscribed = await subscribe(clients[1], { afterSeq: 0 });
    expect(resubscribed).toMatchObject({ ok: true, entries: [], missed: 0, epoch: 2 });
  });
});
