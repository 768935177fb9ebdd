import fc from 'fast-check';
import request from 'supertest';
import { RunningApp, startApp } from '../support/start-app';
import { bearer, KEYS } from '../support/test-keys';
import { canary, contentType, requestBody } from './support/arbitraries';
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
import { type Auth, type HttpBodySeed, loadSeeds } from './support/seeds';

// Hundreds of real requests per property on a shared two-core machine.
jest.setTimeout(120_000);

interface BodyCase {
  method: string;
  path: string;
  contentType: string | undefined;
  auth: Auth;
  body: string | Buffer;
  canaries: readonly string[];
}

const ROUTES: [string, string][] = [
  ['POST', '/logs'],
  ['POST', '/logs'],
  ['POST', '/logs/batch'],
  ['POST', '/logs/batch'],
  ['POST', '/logs/panic'],
  ['POST', '/logs/resume'],
  ['PUT', '/logs'],
  ['GET', '/logs'],
  ['POST', '/audit'],
  ['POST', '/auth/me'],
];

const generated: fc.Arbitrary<BodyCase> = canary.chain((mark) =>
  fc
    .record({
      route: fc.constantFrom(...ROUTES),
      contentType: contentType(mark),
      auth: fc.constantFrom<Auth>('none', 'wrong', 'ingest', 'ingest', 'ingest', 'admin', 'viewer'),
      body: requestBody(mark),
      canaries: fc.constant([mark]),
    })
    .map(({ route: [method, path], ...rest }) => ({ method, path, ...rest })),
);

function fromSeed(seed: HttpBodySeed): BodyCase {
  return {
    method: seed.method ?? 'POST',
    path: seed.path,
    contentType: seed.contentType,
    auth: seed.auth ?? 'ingest',
    body:
      seed.bodyBase64 !== undefined ? Buffer.from(seed.bodyBase64, 'base64') : (seed.body ?? ''),
    canaries: seed.mustNotEcho ?? [],
  };
}

/**
 * Once a real echo (issue 15): a body that is not JSON came back inside the 400, e.g.
 * `Unexpected token 'z', "zqknownecho" is not valid JSON`. Bodies are now read after the key and
 * refused by byte offset (`Body is not valid JSON (at byte 0)`); kept as an example so it stays so.
 */
const KNOWN_ECHO: BodyCase = {
  method: 'POST',
  path: '/logs',
  contentType: 'application/json',
  auth: 'ingest',
  body: 'zqknownechoo',
  canaries: ['zqknownechoo'],
};

describe('hostile HTTP bodies', () => {
  let running: RunningApp;
  const seeds = loadSeeds().httpBodies.map((seed) => [fromSeed(seed)] as [BodyCase]);
  const faults = watchProcessFaults();
  const prototypes = prototypesNow();

  beforeAll(async () => {
    running = await startApp(HOSTILE_ENV);
  });
  afterAll(async () => {
    faults.stop();
    await running.close();
  });

  async function send(attempt: BodyCase): Promise<RawResponse> {
    const response = await rawRequest(running.url, {
      method: attempt.method,
      path: attempt.path,
      headers: {
        ...authHeaders(attempt.auth),
        ...(attempt.contentType === undefined ? {} : { 'Content-Type': attempt.contentType }),
      },
      body: attempt.body,
    });
    if (attempt.path === '/logs/panic' && response.status === 200) {
      // A lockdown would turn every later ingest into a (designed) 503.
      await request(running.url).post('/logs/resume').set(bearer(KEYS.admin)).send({}).expect(200);
    }
    return response;
  }

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

  it('never echoes what the body carried', async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (attempt) => {
        expectNoEcho(await send(attempt), attempt.canaries);
      }),
      { numRuns: runs(), examples: [[KNOWN_ECHO], ...seeds], ...seed() },
    );
  });
});
