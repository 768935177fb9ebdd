import { Client } from '@elastic/elasticsearch';
import type { LogEntry } from '@redtail/contracts';
import { once } from 'node:events';
import pino from 'pino';
import pinoElastic from 'pino-elasticsearch';
import request from 'supertest';
import { postBytes, storedEntries, waitForEntries } from './support/ingest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const NDJSON = 'application/x-ndjson';

describe('Elasticsearch bulk door with real clients', () => {
  let running: RunningApp;

  beforeEach(async () => {
    running = await startApp(KEY_ENV);
  });
  afterEach(() => running.close());

  it('stores pino-elasticsearch lines once, masked, and answers its refresh', async () => {
    const stream = pinoElastic({
      node: running.url,
      index: 'checkout-%{DATE}',
      esVersion: 8,
      flushBytes: 1,
      flushInterval: 20,
      auth: { apiKey: KEYS.ingest },
    });
    const failures: unknown[] = [];
    stream.on('error', (error) => failures.push(error));
    stream.on('insertError', (error) => failures.push(error));
    const logger = pino({ level: 'trace' }, stream);
    logger.error(
      { user: { email: 'jane.doe@example.com' }, orderId: 7 },
      'refund failed for jane.doe@example.com',
    );
    logger.trace('cache warm');
    const inserted = once(stream, 'insert');
    stream.end();
    const [stats] = (await inserted) as [{ total: number; successful: number; failed: number }];
    expect(failures).toEqual([]);
    expect(stats).toMatchObject({ total: 2, successful: 2, failed: 0 });
    const entries = await waitForEntries(running.url, 2, { token: KEYS.admin });
    expect(entries).toHaveLength(2);
    const [error, trace] = entries;
    expect(error).toMatchObject({
      level: 'error',
      service: 'checkout',
      context: { orderId: 7, pid: process.pid },
    });
    expect(error.message).toMatch(/^refund failed for /);
    expect(JSON.stringify(error)).not.toContain('jane.doe@example.com');
    expect(trace).toMatchObject({ level: 'trace', service: 'checkout', message: 'cache warm' });
  });

  it.each([
    ['ApiKey base64(id:key)', { apiKey: { id: 'shipper', api_key: KEYS.ingest } }, false],
    ['ApiKey <key>, gzip', { apiKey: KEYS.ingest }, true],
    ['Bearer', { bearer: KEYS.ingest }, false],
    ['Basic with the key as password', { username: 'elastic', password: KEYS.ingest }, false],
  ])(
    'runs the official client (%s): info, the bulk helper, a refused document dropped alone',
    async (_name, auth, compression) => {
      const client = new Client({ node: running.url, auth, compression });
      const info = await client.info();
      expect(info.version.number).toMatch(/^8\./);
      expect(await client.ping()).toBe(true);
      const dropped: unknown[] = [];
      const result = await client.helpers.bulk<Record<string, unknown>>({
        datasource: [
          {
            '@timestamp': '2026-12-01T09:00:00.000Z',
            'log.level': 'warn',
            message: 'disk 91% on db-1',
            service: { name: 'infra' },
            host: 'db-1',
          },
          {
            time: 1764579600000,
            level: 50,
            msg: 'token sk_live_abcdefghijklmnopqrstuvwx leaked',
            'trace.id': 'abc123',
          },
          { message: 'too deep', a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } },
        ],
        onDocument: () => ({ create: { _index: 'ops-2026-12-01' } }),
        onDrop: (item) => dropped.push(item.status),
        refreshOnCompletion: true,
      });
      expect(result).toMatchObject({ total: 3, successful: 2, failed: 1 });
      expect(dropped).toEqual([400]);
      const [warn, error] = await waitForEntries(running.url, 2, { token: KEYS.admin });
      expect(warn).toMatchObject({
        level: 'warn',
        service: 'infra',
        message: 'disk 91% on db-1',
        timestamp: '2026-12-01T09:00:00.000Z',
        context: { host: 'db-1' },
      });
      expect(error).toMatchObject({
        level: 'error',
        service: 'ops',
        timestamp: '2025-12-01T09:00:00.000Z',
        traceId: 'abc123',
      });
      expect(error.message).not.toContain('sk_live_abcdefghijklmnopqrstuvwx');
      await client.close();
    },
  );
});

describe('Elasticsearch bulk door: the protocol around it and refusals', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ ...KEY_ENV, LOG_MAX_BULK_ENTRIES: '5' });
  });
  afterAll(() => running.close());

  const bulk = (body: string, path = '/_bulk') =>
    postBytes(running.url, path, { ...bearer(KEYS.ingest), 'content-type': NDJSON }, body);
  const json = (response: { body: Buffer }) => JSON.parse(response.body.toString());

  it('answers GET / with node info for an Elasticsearch client and HEAD / with 200', async () => {
    const info = await request(running.url)
      .get('/')
      .set('accept', 'application/vnd.elasticsearch+json; compatible-with=9')
      .expect(200);
    expect(info.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(info.headers['content-type']).toContain('application/vnd.elasticsearch+json');
    expect(JSON.parse(info.text).version.number).toMatch(/^9\./);
    const head = await request(running.url)
      .head('/')
      .set('x-elastic-client-meta', 'es=8.19.2')
      .expect(200);
    expect(head.headers['x-elastic-product']).toBe('Elasticsearch');
    await request(running.url).get('/').expect(404);
  });

  it('answers refresh for an index named like a Redtail route (GET /logs/_refresh)', async () => {
    const response = await request(running.url)
      .get('/logs/_refresh')
      .set(bearer(KEYS.ingest))
      .expect(200);
    expect(response.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(response.body).toEqual({ _shards: { total: 1, successful: 1, failed: 0 } });
  });

  it('answers in bulk shape, one item per action, refusing what it cannot store item by item', async () => {
    const before = (await storedEntries(running.url, KEYS.admin)).length;
    const response = await bulk(
      [
        '{"index":{}}',
        '{"msg":"kept","level":30}',
        '{"create":{"_index":"Bad Index"}}',
        '{"msg":"wrong index"}',
        '{"delete":{"_id":"1"}}',
        '{"update":{"_id":"2"}}',
        '{"doc":{"msg":"x"}}',
        '{"index":{"_index":"app"}}',
        '{"msg": jane@example.com',
        '',
      ].join('\n'),
      '/web-2026.12.02/_bulk',
    );
    expect(response.status).toBe(200);
    expect(response.headers['x-elastic-product']).toBe('Elasticsearch');
    const answer = json(response);
    expect(answer.errors).toBe(true);
    expect(answer.items.map((item: object) => Object.keys(item)[0])).toEqual([
      'index',
      'create',
      'delete',
      'update',
      'index',
    ]);
    expect(
      answer.items.map((item: Record<string, { status: number }>) => Object.values(item)[0].status),
    ).toEqual([201, 400, 400, 400, 400]);
    expect(answer.items[0].index).toMatchObject({
      _index: 'web-2026.12.02',
      result: 'created',
      _id: expect.stringMatching(/^\d+-\d+$/),
    });
    expect(answer.items[1].create.error.type).toBe('invalid_index_name_exception');
    expect(answer.items[4].index.error.reason).toBe('malformed JSON');
    expect(response.body.toString()).not.toContain('jane@example.com');
    expect(response.body.toString()).not.toContain('Bad Index');
    const entries = await storedEntries(running.url, KEYS.admin);
    expect(entries.slice(before).map((entry: LogEntry) => [entry.service, entry.message])).toEqual([
      ['web', 'kept'],
    ]);
  });

  it.each([
    [
      'an action line that is not an action',
      '{"index":{}}\n{"msg":"a"}\n{"msg":"b"}\n{"msg":"c"}\n',
      'Malformed action/metadata line [3]: expected an object with one of index, create, update, delete',
    ],
    [
      'an action without its document',
      '{"index":{}}\n{"msg":"a"}\n{"index":{}}\n',
      'Bulk action on line 3 has no document: each index is followed by one line',
    ],
    [
      'more actions than LOG_MAX_BULK_ENTRIES',
      '{"index":{}}\n{"msg":"a"}\n'.repeat(6),
      'Request carries 6 bulk actions; LOG_MAX_BULK_ENTRIES is 5: send smaller batches',
    ],
  ])(
    'refuses %s whole, in Elasticsearch error shape, storing nothing',
    async (_name, body, reason) => {
      const before = (await storedEntries(running.url, KEYS.admin)).length;
      const response = await bulk(body, '/app/_bulk');
      expect(response.status).toBe(reason.includes('LOG_MAX_BULK_ENTRIES') ? 413 : 400);
      expect(response.headers['x-elastic-product']).toBe('Elasticsearch');
      expect(json(response)).toEqual({
        error: {
          root_cause: [{ type: expect.any(String), reason }],
          type: expect.any(String),
          reason,
        },
        status: response.status,
      });
      expect(await storedEntries(running.url, KEYS.admin)).toHaveLength(before);
    },
  );

  it('asks for the key first, with the product header', async () => {
    const response = await postBytes(
      running.url,
      '/_bulk',
      { 'content-type': NDJSON },
      'jane.doe@example.com\n',
    );
    expect(response.status).toBe(401);
    expect(response.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(json(response).error.type).toBe('security_exception');
    expect(response.body.toString()).not.toContain('jane');
  });
});
