import { readCorpus } from '../corpus/corpus';
import { createMasker } from './create-masker';
import { MARKERS } from './mask-value';
import type { Masker, MaskingOptions } from './types';

const masker = createMasker();
const corpusLines = readCorpus().map((entry) => entry.line);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Same value, same key order, same counts; the input is frozen so any write would throw. */
function expectSameAsMaskValue(target: Masker, value: unknown): void {
  deepFreeze(value);
  const expected = target.maskValue(value);
  const actual = target.maskJson(value);
  expect(actual.value).toStrictEqual(expected.value);
  expect(JSON.stringify(actual.value)).toBe(JSON.stringify(expected.value));
  expect(actual.counts).toEqual(expected.counts);
}

/** Everything a value would show, Maps, Sets and Errors included, as one string. */
function visibleText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map || item instanceof Set) return [...item];
    if (item instanceof Error) return { message: item.message, stack: item.stack };
    return item;
  });
}

/** The ways a log line turns up in a parsed body: as a value, in a list, as a key, or as JSON itself. */
function shapesOf(line: string): unknown[] {
  const shapes: unknown[] = [
    line,
    { message: line, list: ['ok', line, 7], nested: { deeper: { line } } },
    { [line]: 1, [line.slice(0, 24)]: { again: line } },
  ];
  try {
    shapes.push(JSON.parse(line));
  } catch {
    // Most corpus lines are not JSON; the shapes above still carry them.
  }
  return shapes;
}

/** Deterministic, so a failure reproduces; small enough that limits and collisions are common. */
function randomJson(seed: number): () => unknown {
  let state = seed;
  // mulberry32: a plain LCG's low bits cycle too fast to pick among a few choices.
  const next = (below: number): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % below;
  };
  const keys = [
    'name',
    'password',
    'token',
    'a@example.com',
    'b@example.com',
    '[EMAIL]',
    '[EMAIL]#2',
    '__proto__',
    '[TRUNCATED]',
    'toString',
    '203.0.113.9',
    'x',
  ];
  const leaves = [
    'plain',
    'mail jane@example.com',
    '[EMAIL]',
    4111111111111111,
    1714567890123,
    12,
    -0.5,
    true,
    false,
    null,
    '',
    'call +44 20 7946 0958',
  ];
  const build = (depth: number): unknown => {
    const kind = depth > 5 ? 0 : next(4);
    if (kind === 0) return leaves[next(leaves.length)];
    if (kind === 1) return Array.from({ length: next(5) }, () => build(depth + 1));
    const members = Array.from({ length: next(6) }, () => [
      keys[next(keys.length)],
      build(depth + 1),
    ]);
    return JSON.parse(JSON.stringify(Object.fromEntries(members)));
  };
  return () => build(0);
}

describe('maskJson', () => {
  describe.each([
    ['redact', {}],
    ['partial', { mode: 'partial' }],
    ['pseudonym', { mode: 'pseudonym', pseudonymKey: new Uint8Array(32).fill(9) }],
  ] as [string, MaskingOptions][])('in %s mode', (_mode, options) => {
    const modeMasker = createMasker(options);

    it('masks every labelled corpus line exactly as maskValue does', () => {
      for (const line of corpusLines) {
        for (const shape of shapesOf(line)) expectSameAsMaskValue(modeMasker, shape);
      }
    });
  });

  it('agrees with maskValue on random JSON under every small node and depth limit', () => {
    const generate = randomJson(7);
    for (let round = 0; round < 300; round++) {
      const value = generate();
      const limits = { maxNodes: 1 + (round % 40), maxDepth: 1 + (round % 6) };
      expectSameAsMaskValue(createMasker(limits), value);
      expectSameAsMaskValue(masker, value);
    }
  });

  it('replaces the whole value under a sensitive key, counting it once', () => {
    const value = JSON.parse(
      '{"password":{"nested":"anything","n":1},"apiKey":12345,"token":"t","secret":null,"pwd":[]}',
    );
    expectSameAsMaskValue(masker, value);
    expect(masker.maskJson(value).value).toEqual({
      password: '[PASSWORD]',
      apiKey: '[SECRET]',
      token: '[SECRET]',
      secret: null,
      pwd: '[PASSWORD]',
    });
  });

  it.each([
    ['{"phone":4155550132}', { phone: '[PHONE]' }],
    ['{"ssn":123456789}', { ssn: '[US_SSN]' }],
    // CARD_SECURITY where the masker has that type, SECRET before.
    ['{"pin":1234}', { pin: expect.stringMatching(/^\[(?:CARD_SECURITY|SECRET)\]$/) }],
    ['{"msisdn":"447700900123"}', { msisdn: '[PHONE]' }],
    ['{"smtpPass":"x","DB_PASS":"y"}', { smtpPass: '[PASSWORD]', DB_PASS: '[PASSWORD]' }],
  ])('masks numbers and strings under key families of any size: %s', (text, expected) => {
    const value = JSON.parse(text);
    expectSameAsMaskValue(masker, value);
    expect(masker.maskJson(value).value).toEqual(expected);
  });

  it.each([
    '{"password":true,"token":false}',
    '{"password":""}',
    '{"phone":"unknown","card":"visa"}',
    '{"token_type":"bearer","max_tokens":256,"password_policy":"strict"}',
  ])('leaves values that hide nothing under sensitive keys: %s', (text) => {
    const value = JSON.parse(text);
    expectSameAsMaskValue(masker, value);
    expect(masker.maskJson(value).value).toBe(value);
  });

  it('masks keys and keeps colliding ones apart with #2 suffixes', () => {
    const cases = [
      '{"a@example.com":1,"b@example.com":2,"c@example.com":3}',
      '{"[EMAIL]":1,"a@example.com":2}',
      '{"a@example.com":1,"[EMAIL]":2}',
      '{"a@example.com":1,"[EMAIL]#2":2,"b@example.com":3}',
    ];
    for (const text of cases) expectSameAsMaskValue(masker, JSON.parse(text));
    expect(masker.maskJson(JSON.parse(cases[2])).value).toEqual({ '[EMAIL]': 1, '[EMAIL]#2': 2 });
  });

  it('masks card-sized integers and leaves other numbers alone', () => {
    expectSameAsMaskValue(masker, JSON.parse('[-4111111111111111,4111111111111111e0]'));
    const value = JSON.parse('[4111111111111111,1714567890123,1e12,12.5,0]');
    expectSameAsMaskValue(masker, value);
    expect(masker.maskJson(value).value).toEqual(['[CREDIT_CARD]', 1714567890123, 1e12, 12.5, 0]);
  });

  it('masks negative card-sized integers like positive ones, dropping the sign', () => {
    const value = JSON.parse(
      '{"pan":-4111111111111111,"refund":-1714567890123,"list":[-5500005555555559]}',
    );
    expectSameAsMaskValue(masker, value);
    expect(masker.maskJson(value).value).toEqual({
      pan: '[CREDIT_CARD]',
      refund: -1714567890123,
      list: ['[CREDIT_CARD]'],
    });
    const partial = createMasker({ mode: 'partial' });
    expectSameAsMaskValue(partial, JSON.parse('[-4111111111111111]'));
    expect(partial.maskJson(JSON.parse('[-4111111111111111]')).value).toEqual(
      partial.maskJson(JSON.parse('[4111111111111111]')).value,
    );
  });

  it.each([
    '{"__proto__":{"polluted":"jane@example.com"}}',
    '{"__proto__":{"kept":1},"mail":"jane@example.com"}',
    '{"mail":"jane@example.com","__proto__":{"kept":1}}',
  ])('keeps a __proto__ key as own data without touching a prototype: %s', (text) => {
    const input = JSON.parse(text);
    expectSameAsMaskValue(masker, input);
    const value = masker.maskJson(input).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toContain('__proto__');
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.enumerable).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['kept']).toBeUndefined();
  });

  it('replaces structures deeper than maxDepth with a marker instead of recursing', () => {
    const shallow = createMasker({ maxDepth: 3 });
    const value = JSON.parse('{"a":{"b":{"c":{"d":1}}},"list":[[[["x"]]]],"ok":{"fine":1}}');
    expectSameAsMaskValue(shallow, value);
    expect(shallow.maskJson(value).value).toEqual({
      a: { b: { c: MARKERS.maxDepth } },
      list: [[MARKERS.maxDepth]],
      ok: { fine: 1 },
    });
    let deep: unknown = 'jane@example.com';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => masker.maskJson(deep)).not.toThrow();
  });

  it('stops after maxNodes and says how much was left out', () => {
    const small = createMasker({ maxNodes: 5 });
    const value = {
      list: Array.from({ length: 100 }, (_, i) => `user${i}@example.com`),
      after: 'x',
      '[TRUNCATED]': 'already here',
    };
    expectSameAsMaskValue(small, value);
    expect(small.maskJson(value).value).toEqual({
      list: ['[EMAIL]', '[EMAIL]', '[EMAIL]', MARKERS.truncated],
      [MARKERS.truncated]: 2,
    });
  });

  it('marks truncation even in a subtree that holds nothing to mask', () => {
    const small = createMasker({ maxNodes: 3 });
    const value = deepFreeze({ a: 1, b: 2, c: 3, d: [1, 2] });
    expectSameAsMaskValue(small, value);
    expect(small.maskJson(value).value).toEqual({ a: 1, b: 2, [MARKERS.truncated]: 2 });
  });

  it('returns an input with nothing to mask as the very same reference', () => {
    const input = deepFreeze(
      JSON.parse('{"requestId":"req-1","status":200,"tags":["a","b"],"user":{"id":7,"ok":true}}'),
    );
    const result = masker.maskJson(input);
    expect(result.value).toBe(input);
    expect(result.counts).toEqual({});
  });

  it('copies only the path to a change deep inside and shares every sibling', () => {
    const input = deepFreeze({
      a: { b: { mail: 'jane@example.com', keep: { x: 1 } }, list: [1, { f: 2 }] },
      g: { h: 'x' },
      items: [{ id: 1 }, { id: 2 }, 'call +44 20 7946 0958', { id: 4 }],
    });
    const snapshot = structuredClone(input);
    const { value, counts } = masker.maskJson(input);

    expect(value).toEqual({
      a: { b: { mail: '[EMAIL]', keep: { x: 1 } }, list: [1, { f: 2 }] },
      g: { h: 'x' },
      items: [{ id: 1 }, { id: 2 }, 'call [PHONE]', { id: 4 }],
    });
    expect(counts).toEqual({ EMAIL: 1, PHONE: 1 });
    expect(value).not.toBe(input);
    expect(value.a).not.toBe(input.a);
    expect(value.a.b).not.toBe(input.a.b);
    expect(value.a.b.keep).toBe(input.a.b.keep);
    expect(value.a.list).toBe(input.a.list);
    expect(value.g).toBe(input.g);
    expect(value.items).not.toBe(input.items);
    expect(value.items[0]).toBe(input.items[0]);
    expect(value.items[1]).toBe(input.items[1]);
    expect(value.items[3]).toBe(input.items[3]);
    expect(input).toEqual(snapshot);
  });

  it('copies an object whose key alone changed, sharing its values', () => {
    const inner = { id: 1 };
    const input = deepFreeze({ before: inner, 'jane@example.com': inner, after: inner });
    const value = masker.maskJson(input).value as Record<string, unknown>;
    expect(value).not.toBe(input);
    expect(Object.keys(value)).toEqual(['before', '[EMAIL]', 'after']);
    expect(value['before']).toBe(inner);
    expect(value['[EMAIL]']).toBe(inner);
    expect(value['after']).toBe(inner);
  });

  it('hands values that are not JSON data to maskValue, so a misuse never leaks', () => {
    const secret = 'jane.doe@example.com';
    const values = [
      new Map([['user', secret]]),
      { nested: { when: new Date(0), who: new Set([secret]) } },
      [{ ok: 1 }, new Error(`failed for ${secret}`)],
      {
        list: [
          new (class Holder {
            email = secret;
          })(),
        ],
      },
    ];
    for (const value of values) {
      const counts = { EMAIL: 1 };
      const actual = masker.maskJson(value, counts);
      const expected = masker.maskValue(value, { EMAIL: 1 });
      expect(actual.value).toStrictEqual(expected.value);
      expect(counts).toEqual(expected.counts);
      expect(visibleText(actual.value)).not.toContain(secret);
      expect(visibleText(value)).toContain(secret);
    }
  });

  it('cuts a cycle of plain objects at maxDepth instead of recursing forever', () => {
    const shallow = createMasker({ maxDepth: 4 });
    const loop: Record<string, unknown> = { name: 'loop' };
    loop['self'] = loop;
    const { value } = shallow.maskJson(loop);
    expect(JSON.stringify(value)).toContain(MARKERS.maxDepth);
  });

  it('accumulates into the counts it is given', () => {
    const counts = { EMAIL: 2 };
    expect(masker.maskJson({ mail: 'jane@example.com' }, counts).counts).toBe(counts);
    expect(counts).toEqual({ EMAIL: 3 });
  });
});
