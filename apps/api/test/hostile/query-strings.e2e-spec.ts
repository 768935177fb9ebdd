import fc from 'fast-check';
import request from 'supertest';
import { RunningApp, startApp } from '../support/start-app';
import { bearer, KEYS } from '../support/test-keys';
import { canary, idSegment, queryString } from './support/arbitraries';
import { authHeaders, HOSTILE_ENV } from './support/hostile-app';
import {
  expectNoEcho,
  expectNoFaults,
  expectNoServerError,
  expectPrototypesUnchanged,
  prototypesNow,
  runs,
  seed,
  watchProcessFaults,
} from './support/invariants';
import { type RawResponse, rawRequest } from './support/raw-http';
import { type Auth, loadSeeds } from './support/seeds';

// Hundreds of real requests per property on a shared two-core machine.
jest.setTimeout(120_000);

interface QueryCase {
  url: string;
  auth: Auth;
  canaries: readonly string[];
}

/** Every route that reads a query string or a path parameter. */
function path(mark: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant('/logs') },
    fc.constantFrom('/logs/metrics', '/metrics', '/audit', '/auth/me', '/health'),
    idSegment(mark).map((id) => `/logs/${id}`),
    idSegment(mark).map((id) => `/logs/${id}/context`),
  );
}

const generated: fc.Arbitrary<QueryCase> = canary.chain((mark) =>
  fc
    .record({
      path: path(mark),
      query: queryString(mark),
      auth: fc.constantFrom<Auth>('viewer', 'viewer', 'admin', 'none'),
    })
    .map(({ path: route, query, auth }) => ({ url: `${route}?${query}`, auth, canaries: [mark] })),
);

/**
 * Once a real echo (issue 15): a query parameter Redtail does not read was refused by name
 * (`zqknownechoo: property zqknownechoo should not exist`), and a path no route has came back in
 * the 404 (`Cannot GET /…`). Unknown names are now counted, not named, and the 404 says no route
 * answers; kept as an example so it stays so.
 */
const KNOWN_ECHO: QueryCase = {
  url: '/logs?zqknownechoo=1',
  auth: 'viewer',
  canaries: ['zqknownechoo'],
};

describe('hostile query strings and path parameters', () => {
  let running: RunningApp;
  const seeds = loadSeeds().queries.map(
    (seed) =>
      [{ url: seed.url, auth: seed.auth ?? 'viewer', canaries: seed.mustNotEcho ?? [] }] as [
        QueryCase,
      ],
  );
  const faults = watchProcessFaults();
  const prototypes = prototypesNow();

  beforeAll(async () => {
    running = await startApp(HOSTILE_ENV);
    // Something to find, so filters run over real entries (none of which holds a canary).
    await request(running.url)
      .post('/logs/batch')
      .set(bearer(KEYS.ingest))
      .send(
        ['info', 'warn', 'error', 'debug'].flatMap((level) =>
          Array.from({ length: 5 }, (_, i) => ({
            level,
            service: `svc-${i}`,
            message: `${level} line ${i} user=alice@example.com`,
            context: { attempt: i },
          })),
        ),
      )
      .expect(201);
  });
  afterAll(async () => {
    faults.stop();
    await running.close();
  });

  const send = (attempt: QueryCase): Promise<RawResponse> =>
    rawRequest(running.url, {
      method: 'GET',
      path: attempt.url,
      headers: authHeaders(attempt.auth),
    });

  it('never answer 5xx, crash or touch a prototype', async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (attempt) => {
        const response = await send(attempt);
        expectNoServerError(response);
        expectPrototypesUnchanged(prototypes);
        expectNoFaults(faults);
      }),
      { numRuns: runs(), examples: seeds, ...seed() },
    );
    await request(running.url).get('/health').expect(200);
  });

  it('never echo what the query or path carried', async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (attempt) => {
        expectNoEcho(await send(attempt), attempt.canaries);
      }),
      { numRuns: runs(), examples: [[KNOWN_ECHO], ...seeds], ...seed() },
    );
  });
});
