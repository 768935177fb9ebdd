import fc from 'fast-check';
import request from 'supertest';
import { RunningApp, startApp } from '../support/start-app';
import { canary, ndjsonDocument } from './support/arbitraries';
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
  let running: RunningApp;
  const seeds = loadSeeds().ndjson.map(
    (seed) => [{ document: seed.document, canaries: seed.mustNotEcho ?? [] }] as [NdjsonCase],
  );
  const faults = watchProcessFaults();
  const prototypes = prototypesNow();

  beforeAll(async () => {
    running = await startApp(HOSTILE_ENV);
  });
  afterAll(async () => {
    faults.stop();
    await running.close();
  });

  const send = (attempt: NdjsonCase): Promise<RawResponse> =>
    rawRequest(running.url, {
      method: 'POST',
      path: '/logs/batch',
      headers: { ...authHeaders('ingest'), 'Content-Type': 'application/x-ndjson' },
      body: attempt.document,
    });

  it('never answers 5xx, crashes or touches a prototype', async () => {
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

  it('never echoes what a line carried', async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (attempt) => {
        expectNoEcho(await send(attempt), attempt.canaries);
      }),
      { numRuns: runs(), examples: [[KNOWN_ECHO], ...seeds], ...seed() },
    );
  });
});
