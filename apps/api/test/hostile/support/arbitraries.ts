import fc from 'fast-check';

/**
 * Inputs an attacker might send, as fast-check arbitraries. Each generated input carries a
 * canary: ten random letters after `zq`, text no Redtail response contains unless it copied it
 * from the request. Seeds (./seeds.ts) carry their own `mustNotEcho` strings instead.
 */
export const canary: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 10, maxLength: 10 })
  .map((letters) => `zq${letters}`);

/** Characters and fragments that break naive parsers, escapers, loggers and regex builders. */
const AWKWARD = [
  '\u0000',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '"',
  "'",
  '`',
  '\\',
  '\\u0000',
  '/',
  '../',
  '%00',
  '%s%n%x',
  '${7*7}',
  '{{7*7}}',
  '<script>',
  '</',
  '\u202e',
  '\ufeff',
  '\u2028',
  '\u0085',
  '\ud800',
  '\udfff',
  '💥',
  'ﬀ',
  'İ',
  '(a+)+',
  '.*',
  '[',
  ']',
  '(',
  ')',
  '|',
  '?',
  '*+',
  '\\1',
  '(?<n>',
  '__proto__',
  'constructor',
];

const fragment = fc.oneof(
  fc.constantFrom(...AWKWARD),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** A string that contains `mark` among awkward characters, or is a long run of it. */
export function hostileText(mark: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(mark) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.array(fragment, { maxLength: 4 }), fc.array(fragment, { maxLength: 4 }))
        .map(([before, after]) => `${before.join('')}${mark}${after.join('')}`),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 400 }).map((times) => `${mark} `.repeat(times)),
    },
  );
}

/** Keys that pollute prototypes, shadow built-ins, or collide with Redtail's own fields. */
const AWKWARD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'level',
  'message',
  'msg',
  'service',
  'timestamp',
  'time',
  'context',
  'traceId',
  'spanId',
  'lockdown',
  '',
  ' ',
  '.',
  '0',
  '-1',
  'length',
];

/** Own properties even for `__proto__`, so JSON.stringify writes them as an attacker would. */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return object;
}

const awkwardNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    -0,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    5e-324,
    10,
    30,
    60,
    61,
    9,
    1_700_000_000_000,
  ),
);

/** Any JSON value, with `mark` in strings and keys, prototype keys, and up to a few levels deep. */
export function hostileJson(mark: string): fc.Arbitrary<unknown> {
  const text = hostileText(mark);
  const key = fc.oneof(fc.constantFrom(...AWKWARD_KEYS), text);
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      tie('array'),
      tie('object'),
    ),
    leaf: fc.oneof(text, awkwardNumber, fc.boolean(), fc.constant(null)),
    array: fc.array(tie('value'), { maxLength: 5 }),
    object: fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map(objectOf),
  }));
  return value;
}

/** Objects that would write to a prototype if merged or assigned naively. */
export function pollution(mark: string): fc.Arbitrary<Record<string, unknown>> {
  const payload = fc.constantFrom<Record<string, unknown>>(
    objectOf([['__proto__', { polluted: mark }]]),
    objectOf([['constructor', { prototype: { polluted: mark } }]]),
    objectOf([['__proto__', objectOf([['__proto__', { polluted: mark }]])]]),
    objectOf([['prototype', { polluted: mark }]]),
    objectOf([['__proto__', { toString: mark, valueOf: mark, level: 'fatal' }]]),
  );
  return fc.oneof(
    payload,
    fc.tuple(payload, fc.constantFrom('context', 'level', 'message')).map(([inner, at]) =>
      objectOf([
        ['level', 'info'],
        ['message', mark],
        [at, inner],
      ]),
    ),
    payload.map((inner) =>
      objectOf([['level', 'info'], ['message', mark], ...Object.entries(inner)]),
    ),
  );
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'INFO', 'Warning', 10, 30, 60];

/** Shaped like a log entry (canonical, pino or bunyan), with hostile values where it hurts. */
export function logEntryLike(mark: string): fc.Arbitrary<Record<string, unknown>> {
  const text = hostileText(mark);
  const json = hostileJson(mark);
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const canonical = fc.record({
    level: maybe(fc.oneof(fc.constantFrom(...LEVELS), json)),
    message: maybe(fc.oneof({ weight: 4, arbitrary: text }, json)),
    service: maybe(fc.oneof(text, json)),
    timestamp: maybe(
      fc.oneof(
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        awkwardNumber,
        text,
      ),
    ),
    context: maybe(fc.oneof({ weight: 3, arbitrary: fc.dictionary(text, json) }, json)),
    traceId: maybe(fc.oneof(text, json)),
    spanId: maybe(fc.oneof(text, json)),
  });
  const pino = fc.record({
    level: fc.oneof(fc.constantFrom(10, 20, 30, 40, 50, 60), awkwardNumber),
    time: awkwardNumber,
    msg: text,
    pid: fc.integer(),
    hostname: text,
    name: maybe(text),
    err: maybe(fc.record({ type: text, message: text, stack: text })),
  });
  return fc
    .oneof({ weight: 3, arbitrary: canonical }, pino)
    .map((entry) => objectOf(Object.entries(entry).filter(([, value]) => value !== undefined)));
}

/** `[[[…]]]` or `{"a":{"a":…}}` thousands of levels deep, for recursive validators and walkers. */
export function deepNesting(mark: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.boolean())
    .map(([depth, arrays]) =>
      arrays
        ? `${'['.repeat(depth)}"${mark}"${']'.repeat(depth)}`
        : `{"level":"info","message":"${mark}","context":${'{"a":'.repeat(depth)}"${mark}"${'}'.repeat(depth)}}`,
    );
}

/** A JSON text cut short at any point. */
function truncated(json: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return json.chain((text) =>
    fc.nat({ max: Math.max(0, text.length - 1) }).map((end) => text.slice(0, end)),
  );
}

/** What a request body may be: JSON of many shapes, broken JSON, text, or bytes that are not UTF-8. */
export function requestBody(mark: string): fc.Arbitrary<string | Buffer> {
  const entry = logEntryLike(mark);
  const json = fc
    .oneof(
      { weight: 3, arbitrary: entry },
      { weight: 2, arbitrary: fc.array(entry, { maxLength: 8 }) },
      { weight: 2, arbitrary: hostileJson(mark) },
      { weight: 2, arbitrary: pollution(mark) },
    )
    .map((value) => JSON.stringify(value) ?? 'null');
  return fc.oneof(
    { weight: 6, arbitrary: json },
    { weight: 2, arbitrary: hostileText(mark) },
    { weight: 2, arbitrary: truncated(json) },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 64 })
        .map((bytes) =>
          Buffer.concat([Buffer.from(`{"message":"${mark}`), bytes, Buffer.from('"}')]),
        ),
    },
    { weight: 1, arbitrary: deepNesting(mark) },
  );
}

/** The content types a client may claim, honest or not. */
export function contentType(mark: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/x-ndjson',
      'application/ndjson',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'application/json, text/plain',
      undefined,
    ),
    fc.constantFrom(`application/json; charset=${mark}`, `application/${mark}`, `${mark}/json`),
  );
}

/** NDJSON documents: entries, broken lines, blank lines, CRLF, a BOM, very long lines. */
export function ndjsonDocument(mark: string): fc.Arbitrary<string> {
  const line = fc.oneof(
    { weight: 5, arbitrary: logEntryLike(mark).map((entry) => JSON.stringify(entry)) },
    { weight: 2, arbitrary: hostileJson(mark).map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 2, arbitrary: pollution(mark).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: hostileText(mark).map((text) => text.replace(/\r?\n|\r/g, ' ')) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '{}', '[]', 'null', '""', '{', '}') },
  );
  return fc
    .tuple(
      fc.array(line, { minLength: 1, maxLength: 40 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      fc.boolean(),
    )
    .map(
      ([lines, newline, bom, trailing]) =>
        `${bom ? '\ufeff' : ''}${lines.join(newline)}${trailing ? newline : ''}`,
    );
}

/** Percent-encodes every byte, so the text may carry bytes that are not UTF-8 (`%FF`). */
function percentEncodeBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join(
    '',
  );
}

/** encodeURIComponent for any string (lone surrogates included, as their UTF-8 replacement). */
export function encodeComponent(text: string): string {
  return percentEncodeBytes(Buffer.from(text, 'utf8'));
}

/** Query parameter names Redtail reads, and a few it might once. */
const QUERY_FIELDS = [
  'q',
  'exclude',
  'regex',
  'level',
  'service',
  'since',
  'until',
  'before',
  'after',
  'limit',
  'n',
  'afterSeq',
  'backfill',
  'traceId',
  'nextBefore',
  'cursor',
  'bucket',
];

/** Keys a qs-style parser would read as paths into prototypes or arrays. */
const BRACKET_KEYS = [
  '__proto__',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'q[]',
  'q[0]',
  'q[__proto__]',
  'q[length]',
  'level[]',
  'limit[]',
  'a[b][c][d][e][f][g]',
];

/** Query strings: known fields with hostile values, repeated keys, brackets, malformed escapes. */
export function queryString(mark: string): fc.Arbitrary<string> {
  const text = hostileText(mark);
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...QUERY_FIELDS) },
    { weight: 2, arbitrary: fc.constantFrom(...BRACKET_KEYS) },
    { weight: 1, arbitrary: text },
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: text },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '0',
        '1',
        '-1',
        'true',
        'false',
        '1e999',
        'NaN',
        'Infinity',
        '0x10',
        '9007199254740993',
        'info',
        'error',
        '2030-01-01T00:00:00Z',
        'now',
      ),
    },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
  const pair = fc
    .tuple(key, value, fc.boolean())
    .map(([name, content, bare]) =>
      bare && content === ''
        ? encodeComponent(name)
        : `${encodeComponent(name)}=${encodeComponent(content)}`,
    );
  const bytes = fc
    .tuple(fc.constantFrom(...QUERY_FIELDS), fc.uint8Array({ minLength: 1, maxLength: 12 }))
    .map(([name, raw]) => `${name}=${encodeComponent(mark)}${percentEncodeBytes(raw)}`);
  const malformed = fc.constantFrom(
    '%',
    '%zz',
    'q=%E0%A4%A',
    'q=%ud800',
    '&&',
    '==',
    'q=%',
    '%00=%00',
    ';',
    '+++',
  );
  return fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: pair },
        { weight: 1, arbitrary: bytes },
        { weight: 1, arbitrary: malformed },
      ),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .map((parts) => parts.join('&'));
}

/** A path segment where Redtail expects an entry id (`<epoch>-<seq>`). */
export function idSegment(mark: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '1-1',
      '0-0',
      '-1--1',
      '1-',
      '-1',
      '1-99999999999999999999',
      '9007199254740993-1',
    ),
    hostileText(mark).map(encodeComponent),
  );
}

/** Arguments a Socket.IO client may emit with an event: none, one hostile value, or several. */
export function socketArgs(mark: string): fc.Arbitrary<unknown[]> {
  const filterLike = fc.record(
    {
      q: hostileText(mark),
      exclude: hostileText(mark),
      // Mostly on: patterns are where parsers and error messages go wrong.
      regex: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.boolean(), hostileJson(mark)),
      level: fc.oneof(fc.constantFrom(...LEVELS), hostileJson(mark)),
      service: fc.oneof(hostileText(mark), hostileJson(mark)),
      afterSeq: fc.oneof(awkwardNumber, hostileJson(mark)),
      backfill: fc.oneof(awkwardNumber, hostileJson(mark)),
      lockdown: fc.oneof(fc.boolean(), hostileJson(mark)),
    },
    { requiredKeys: [] },
  );
  return fc.oneof<fc.Arbitrary<unknown[]>[]>(
    fc.constant<unknown[]>([]),
    fc
      .oneof({ weight: 3, arbitrary: filterLike }, hostileJson(mark), pollution(mark))
      .map((value) => [value]),
    fc.array(hostileJson(mark), { minLength: 2, maxLength: 4 }),
  );
}

/** Event names: the ones Redtail handles, the ones it sends, and made-up ones. */
export function socketEvent(mark: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('subscribe', 'unsubscribe', 'panic', 'resume') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'logs',
        'metrics',
        'dropped',
        'resumed',
        '__proto__',
        'constructor',
        'toString',
      ),
    },
    { weight: 1, arbitrary: fc.constant(mark) },
  );
}

/**
 * Raw Socket.IO packets for the `/logs` namespace (the engine.io message prefix is added by the
 * client): every packet type, with and without ack ids, with malformed or hostile JSON.
 */
export function rawPacket(mark: string): fc.Arbitrary<string> {
  const json = hostileJson(mark).map((value) => JSON.stringify(value) ?? 'null');
  const payload = fc.oneof(
    fc
      .tuple(fc.constantFrom('subscribe', 'panic', 'resume', 'unsubscribe', mark), json)
      .map(([event, value]) => `["${event}",${value}]`),
    json,
    truncated(json),
    hostileText(mark),
    fc.constantFrom(
      '',
      '[',
      '[]',
      '["subscribe"',
      '{"_placeholder":true,"num":0}',
      `[{"_placeholder":true,"num":99}]`,
    ),
  );
  return fc
    .tuple(
      fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '9', 'x', ''),
      fc.constantFrom('', '1-', '99-', '-1-'),
      fc.constantFrom('/logs,', '', '/,', `/${mark},`),
      fc.option(fc.nat(), { nil: undefined }),
      payload,
    )
    .map(
      ([type, attachments, namespace, ackId, body]) =>
        `${type}${attachments}${namespace}${ackId ?? ''}${body}`,
    );
}
