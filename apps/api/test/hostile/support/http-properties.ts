import fc from 'fast-check';
import request from 'supertest';
import type { HostileApp } from './hostile-app';
import { propertyOptions } from './hostile-app';
import { expectNoEcho, expectNoServerError } from './invariants';
import type { RawResponse } from './raw-http';
import { expectEverySeedHolds } from './seed-runner';

export interface HttpAttempt {
  /** Strings no answer may contain: the generated canary, or a seed's `mustNotEcho`. */
  canaries: readonly string[];
}

/**
 * The three tests every HTTP surface gets: generated inputs never answered with a 5xx (nor
 * crashing the process or touching a prototype), never echoed back (`knownEcho`, a leak once
 * found, first), and every hand-written seed holding both.
 */
export function httpProperties<T extends HttpAttempt>(options: {
  app: HostileApp;
  /** What the input is, in the echo test's name: `the body`, `a line`, `the query or path`. */
  carrier: string;
  generated: fc.Arbitrary<T>;
  knownEcho: T;
  seeds: readonly (T & { name: string })[];
  send(attempt: T): Promise<RawResponse>;
}): void {
  const { app, generated, send } = options;

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

  it(`never echoes what ${options.carrier} carried`, async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (attempt) => {
        expectNoEcho(await send(attempt), attempt.canaries);
      }),
      propertyOptions([[options.knownEcho]]),
    );
  });

  it('holds for every hand-written seed: no 5xx, crash, touched prototype or echo', async () => {
    expect(options.seeds.length).toBeGreaterThan(0);
    await expectEverySeedHolds(options.seeds, async (attempt) => {
      const response = await send(attempt);
      expectNoServerError(response);
      expectNoEcho(response, attempt.canaries);
      app.expectIntact();
    });
    await request(app.url).get('/health').expect(200);
  });
}
