import fc from 'fast-check';
import { RunningApp, startApp } from '../../support/start-app';
import { bearer, KEY_ENV, KEYS } from '../../support/test-keys';
import {
  expectNoFaults,
  expectPrototypesUnchanged,
  prototypesNow,
  runs,
  seed,
  watchProcessFaults,
} from './invariants';
import type { Auth } from './seeds';

/**
 * Keys on, and limits high enough that a property's hundreds of requests are judged on what
 * they contain rather than refused for their number (the limits have their own tests).
 */
export const HOSTILE_ENV = {
  ...KEY_ENV,
  REDTAIL_RATE_LIMIT: '100000000',
  REDTAIL_INGEST_RATE_LIMIT: '100000000',
  REDTAIL_SCAN_RATE_LIMIT: '100000000',
  REDTAIL_SOCKET_RATE_LIMIT: '100000000',
};

export function authHeaders(auth: Auth): Record<string, string> {
  switch (auth) {
    case 'none':
      return {};
    case 'wrong':
      return bearer('not-a-configured-key-0000');
    default:
      return bearer(KEYS[auth]);
  }
}

export interface HostileApp {
  /** e.g. http://127.0.0.1:41234, once `beforeAll` has run. */
  readonly url: string;
  /** No built-in prototype modified, no unhandled rejection or exception since the last check. */
  expectIntact(): void;
}

/**
 * The application every hostile spec attacks: started once for the file (with `prepare` run
 * against it), watched for process faults and prototype changes, and closed at the end.
 */
export function hostileApp(prepare?: (url: string) => Promise<void>): HostileApp {
  let running: RunningApp | undefined;
  const faults = watchProcessFaults();
  const prototypes = prototypesNow();
  beforeAll(async () => {
    running = await startApp(HOSTILE_ENV);
    await prepare?.(running.url);
  });
  afterAll(async () => {
    faults.stop();
    await running?.close();
  });
  return {
    get url(): string {
      if (!running) throw new Error('the hostile app is not started yet');
      return running.url;
    },
    expectIntact(): void {
      expectPrototypesUnchanged(prototypes);
      expectNoFaults(faults);
    },
  };
}

/** fast-check's settings for a property: `runs()` generated inputs after any fixed examples. */
export function propertyOptions<T extends unknown[]>(examples: T[] = []): fc.Parameters<T> {
  // fast-check counts examples inside numRuns, so without the addition a long example list
  // would silently crowd out the generated inputs (and examples past numRuns would never run).
  return { numRuns: examples.length + runs(), examples, ...seed() };
}
