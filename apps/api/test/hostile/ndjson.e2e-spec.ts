import fc from 'fast-check';
import { canary, ndjsonDocument } from './support/arbitraries';
import { authHeaders, hostileApp } from './support/hostile-app';
import { httpProperties } from './support/http-properties';
import { type RawResponse, rawRequest } from './support/raw-http';
import { loadSeeds } from './support/seeds';

// Hundreds of real requests per property, and every seed, on a shared two-core machine.
jest.setTimeout(300_000);

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

  httpProperties({
    app,
    carrier: 'a line',
    generated,
    knownEcho: KNOWN_ECHO,
    seeds,
    send,
  });
});
