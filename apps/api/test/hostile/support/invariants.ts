/**
 * How many generated inputs each property tries: 50 keeps the hostile suite (which also runs every
 * hand-written seed) within a minute; raise it locally (`HOSTILE_RUNS=2000`) for a deeper hunt.
 */
export function runs(): number {
  const configured = Number(process.env['HOSTILE_RUNS']);
  return Number.isInteger(configured) && configured > 0 ? configured : 50;
}

/** fast-check's seed, to replay a failure exactly: `HOSTILE_SEED=<seed printed in the report>`. */
export function seed(): { seed?: number } {
  const configured = Number(process.env['HOSTILE_SEED']);
  return Number.isInteger(configured) ? { seed: configured } : {};
}

/** What the checks read of an answer: supertest's Response and the raw client's both fit. */
export interface Answer {
  status: number;
  text: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** A 4xx is fine, a 5xx is a bug. */
export function expectNoServerError(response: Answer): void {
  if (response.status >= 500) {
    throw new Error(`answered ${response.status}: ${response.text.slice(0, 500)}`);
  }
}

/** Body and header values: error messages that quote the request are the classic leak. */
export function expectNoEcho(response: Answer, canaries: readonly string[]): void {
  const seen = [response.text, ...Object.values(response.headers ?? {}).map(String)].join('\n');
  expectNotIn(seen, canaries, 'the response');
}

export function expectNotIn(text: string, canaries: readonly string[], where: string): void {
  for (const canary of canaries) {
    if (canary !== '' && text.includes(canary)) {
      throw new Error(`${where} echoes the input ${JSON.stringify(canary)}: ${text.slice(0, 500)}`);
    }
  }
}

/**
 * The built-in prototypes as the test process first saw them. The application runs in this
 * process, so anything it lets a request write into a prototype shows up here.
 */
export function prototypesNow(): string {
  const probe: Record<string, unknown> = {};
  const inherited: string[] = [];
  for (const key in probe) inherited.push(key);
  return JSON.stringify({
    object: Object.getOwnPropertyNames(Object.prototype).sort(),
    array: Object.getOwnPropertyNames(Array.prototype).sort(),
    function: Object.getOwnPropertyNames(Function.prototype).sort(),
    string: Object.getOwnPropertyNames(String.prototype).sort(),
    inherited,
    polluted: (probe as { polluted?: unknown }).polluted ?? null,
  });
}

export function expectPrototypesUnchanged(before: string): void {
  const now = prototypesNow();
  if (now !== before) throw new Error(`a built-in prototype was modified: ${now}`);
}

/**
 * Unhandled rejections and exceptions raised while a property runs: the server surviving a
 * request is part of the property, not just the answer it gave.
 */
export function watchProcessFaults(): { take(): string[]; stop(): void } {
  const faults: string[] = [];
  const onRejection = (reason: unknown) => faults.push(`unhandled rejection: ${String(reason)}`);
  const onException = (error: Error) => faults.push(`uncaught exception: ${error.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtExceptionMonitor', onException);
  return {
    take: () => faults.splice(0),
    stop: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtExceptionMonitor', onException);
    },
  };
}

export function expectNoFaults(faults: { take(): string[] }): void {
  const raised = faults.take();
  if (raised.length > 0) throw new Error(raised.join('\n'));
}
