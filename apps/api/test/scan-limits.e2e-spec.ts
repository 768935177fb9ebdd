import request from 'supertest';
import { collectLogs, connectLogs, LogsClient, subscribe } from './support/logs-client';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

/**
 * What one viewer's scans may take from the others: one scan in progress per key here, and a
 * share of each second so small (10 ms) that a full filtered scan of the store stays in progress
 * for seconds. Nothing below compares durations: a scan that is still in progress is shown by the
 * refusal of the next one, and priority by the order in which answers arrive.
 */
const MALLORY = 'test-mallory-secret-000000';
const STORED = 20_000;
const BATCH = 1_000;
/** Opens every stored entry and matches none of them: the costliest read there is. */
const NOTHING = 'nothing-matches-[0-9]{40}';
const FULL_SCAN = `/logs?regex=1&limit=1000&q=${encodeURIComponent(NOTHING)}`;
const REFUSAL =
  'Too many scans in progress for this key (at most 1 at once); retry when one has finished';

jest.setTimeout(60_000);

describe('scan limits', () => {
  let running: RunningApp;
  const sockets: LogsClient[] = [];

  beforeAll(async () => {
    running = await startApp({
      ...KEY_ENV,
      REDTAIL_VIEWER_KEYS: `alice:${KEYS.viewer},mallory:${MALLORY}`,
      REDTAIL_SCANS_PER_KEY: '1',
      REDTAIL_SCAN_MS_PER_SECOND: '10',
    });
    for (let sent = 0; sent < STORED; sent += BATCH) {
      const entries = Array.from({ length: BATCH }, (_, i) => ({
        level: 'info',
        message: `request ${sent + i} served`,
      }));
      await request(running.url)
        .post('/logs/batch')
        .set(bearer(KEYS.ingest))
        .send(entries)
        .expect(201);
    }
    // A cold server's first chunk (code not yet optimised) can outlast a whole scan's budget, and
    // a scan that ends in its first slice is never in progress long enough to be refused beside.
    await request(running.url)
      .get(`/logs?regex=1&limit=1000&q=${encodeURIComponent('request [0-9]+ served')}`)
      .set(bearer(KEYS.viewer))
      .expect(200);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(() => running.close());

  const connect = async (token: string) => {
    const socket = await connectLogs(running.url, { token });
    sockets.push(socket);
    return socket;
  };

  it("refuses a key's next scan while one is in progress, over the socket and HTTP, and no other key", async () => {
    const socket = await connect(MALLORY);
    // One socket's events are handled in order. The first replay (every stored entry opened, none
    // matching) is still waiting for its share when the second comes, or, on a machine so busy
    // that its first slice used up its whole budget, it has left the share so far in debt that
    // the second waits for seconds before its first slice, and the third comes meanwhile.
    const first = subscribe(socket, { q: NOTHING, regex: true, afterSeq: 0 });
    const second = subscribe(socket, { q: NOTHING, regex: true, afterSeq: 0 });
    const third = await subscribe(socket, { afterSeq: 0 });
    expect([await second, third]).toContainEqual({ ok: false, error: `busy: ${REFUSAL}` });

    const overHttp = await request(running.url).get(FULL_SCAN).set(bearer(MALLORY));
    expect(overHttp.status).toBe(429);
    expect(overHttp.headers['retry-after']).toBe('1');
    expect(overHttp.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: REFUSAL,
    });

    const alice = await request(running.url).get('/logs?limit=5').set(bearer(KEYS.viewer));
    expect(alice.status).toBe(200);
    expect(alice.body.entries).toHaveLength(5);

    // The first was never refused: it answers with what its own budget let it read.
    expect(await first).toMatchObject({ ok: true, entries: [] });
  });

  it("delivers a healthy viewer's live entries while another key's full scan waits for its share", async () => {
    const viewer = await connect(KEYS.viewer);
    expect(await subscribe(viewer, { backfill: 0 })).toMatchObject({ ok: true });
    // A full scan just ended has spent more than the share holds: the next waits for its first
    // slice, however long a slice takes on this machine.
    await request(running.url).get(FULL_SCAN).set(bearer(KEYS.viewer)).expect(200);
    const order: string[] = [];
    const scan = request(running.url)
      .get(FULL_SCAN)
      .set(bearer(MALLORY))
      .then((response) => order.push(`scan answered ${response.status}`));
    const live = collectLogs(viewer, 1).then(([entry]) => order.push(`live ${entry.message}`));
    await request(running.url)
      .post('/logs')
      .set(bearer(KEYS.ingest))
      .send({ level: 'warn', message: 'payment retried' })
      .expect(201);
    await Promise.all([scan, live]);
    expect(order).toEqual(['live payment retried', 'scan answered 200']);
  });
});
