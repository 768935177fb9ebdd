import fc from 'fast-check';
import request from 'supertest';
import { canary, ndjsonDocument } from './support/arbitraries';
import { authHeaders, hostileApp, propertyOptions } from './support/hostile-app';
import { expectNoEcho, expectNoServerError } from './support/invariants';
import { type RawResponse, rawRequest } from './support/raw-http';
import { expectEverySeedHolds } from './support/seed-runner';
import { loadSeeds } from './support/seeds';

// Hundreds of real requests per property on a shared two-core machine.
jest.setTimeout(120_000);

interface NdjsonCase {
  document: string;
  canaries: readonly string[];
}

const generated: fc.Arbitrary<NdjsonCase> = canary.chain((mark) =>
  ndjsonDocument(mark).map((document) => ({ document, canaries: [mark] })),
);

/**
 * Once a real echo (issue 15): a refused line named the offending field by its key path, and
 * context keys are the sender's text (`"field":"context.zqknownechoo.__proto__"`). Fields are now
 * named by position (`context[0][0]`); kept as an example so it stays so.
 */
const KNOWN_ECHO: NdjsonCase = {
  document: '{"level":"info","message":"m","context":{"zqknownechoo":{"__proto__":1}}}',
  canaries: ['zqknownechoo'],
};

describe('hostile NDJSON batches', () => {
  const app = hostileApp();
  const seeds = loadSeeds().ndjson.map((seed) => ({
    name: seed.name,
    document: seed.document,
    canaries: seed.mustNotEcho ?? [],
  }));

  const send = (attempt: NdjsonCase): Promise<RawResponse> =>
    rawRequest(app.url, {
      method: 'POST',
      path: '/logs/batch',
      headers: { ...authHeaders('ingest'), 'Content-Type': 'application/x-ndjson' },
      body: attempt.document,
    });

  it('never answers 5xx, crashes or touches a prototype', async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (attempt) => {
        expectNoServerError(await send(attempt));
        app.expectIntact();
      }),
      propertyOptions(),
    );
    await request(app.url).get('/health').expect(200);
  });

  it('never echoes what a line carried', async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (attempt) => {
        expectNoEcho(await send(attempt), attempt.canaries);
      }),
      propertyOptions([[KNOWN_ECHO]]),
    );
  });

  it('holds for every hand-written seed: no 5xx, crash, touched prototype or echo', async () => {
    expect(seeds.length).toBeGreaterThan(0);
    await expectEverySeedHolds(seeds, async (attempt) => {
      const response = await send(attempt);
      expectNoServerError(response);
      expectNoEcho(response, attempt.canaries);
      app.expectIntact();
    });
    await request(app.url).get('/health').expect(200);
  });
});
