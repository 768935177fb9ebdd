import request from 'supertest';
import { RunningApp, startApp } from './support/start-app';

describe('GET /logs/values', () => {
  let running: RunningApp;
  const values = (query: Record<string, string | string[]>) =>
    request(running.url).get('/logs/values').query(query);

  beforeAll(async () => {
    running = await startApp();
    await request(running.url).post('/logs/panic').send({}).expect(200);
    const lines = [
      {
        level: 'error',
        service: 'checkout',
        context: { http: { status: 500 }, user: 'jane@example.com' },
      },
      { level: 'error', service: 'checkout', context: { http: { status: 502 } } },
      { level: 'error', service: 'checkout', context: { http: { status: 500 } } },
      { level: 'info', service: 'checkout', context: { http: { status: 200 } } },
      { level: 'error', service: 'search', context: { http: { status: 500 } } },
      { level: 'error', service: 'checkout', context: { note: 'no status here' } },
    ].map((line, index) => ({ ...line, message: `request ${index}` }));
    await request(running.url).post('/logs/batch').send(lines).expect(201);
  });

  afterAll(() => running.close());

  it('counts one field’s values in the entries of a filter, most frequent first', async () => {
    const { body } = await values({
      field: 'http.status',
      service: 'checkout',
      level: 'error',
    }).expect(200);
    expect(body).toEqual({
      field: 'http.status',
      values: [
        { value: '500', count: 2 },
        { value: '502', count: 1 },
      ],
      other: 0,
      missing: 1,
      counted: 4,
      complete: true,
    });
  });

  it('lists the top values asked for and counts the rest as other', async () => {
    const { body } = await values({ field: 'http.status', top: '1' }).expect(200);
    expect(body.values).toEqual([{ value: '500', count: 3 }]);
    expect(body).toMatchObject({ other: 2, missing: 1, counted: 6 });
  });

  it('counts masked values as stored, never the original', async () => {
    const { body } = await values({ field: 'user' }).expect(200);
    expect(body.values).toEqual([{ value: '[EMAIL]', count: 1 }]);
    expect(JSON.stringify(body)).not.toContain('jane@example.com');
  });

  it('refuses a missing or malformed field, a bad top and a bad filter, naming the parameter', async () => {
    const refusals = [
      [{}, /field/],
      [{ field: 'a..b' }, /field: must be dotted names/],
      [{ field: 'a=b' }, /field: must be dotted names/],
      [{ field: 'x'.repeat(201) }, /field/],
      [{ field: 'status', top: '0' }, /top/],
      [{ field: 'status', top: '51' }, /top/],
      [{ field: 'status', level: 'loud' }, /level/],
    ] as const;
    for (const [query, reason] of refusals) {
      const { body } = await values(query as Record<string, string>).expect(400);
      expect(JSON.stringify(body)).toMatch(reason);
      expect(JSON.stringify(body)).not.toContain('x'.repeat(50));
    }
  });
});
