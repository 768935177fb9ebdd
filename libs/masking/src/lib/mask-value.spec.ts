import { createMasker } from './create-masker';
import { MARKERS } from './mask-value';

const masker = createMasker();

describe('maskValue', () => {
  it('masks every string in nested objects and arrays', () => {
    const result = masker.maskValue({
      user: { email: 'jane@example.com', tags: ['vip', 'call +44 20 7946 0958'] },
      count: 3,
      ok: true,
      nothing: null,
    });
    expect(result.value).toEqual({
      user: { email: '[EMAIL]', tags: ['vip', 'call [PHONE]'] },
      count: 3,
      ok: true,
      nothing: null,
    });
    expect(result.counts).toEqual({ EMAIL: 1, PHONE: 1 });
  });

  it.each([
    ['password', 'PASSWORD'],
    ['Password', 'PASSWORD'],
    ['db_password', 'PASSWORD'],
    ['passwd', 'PASSWORD'],
    ['secret', 'SECRET'],
    ['client_secret', 'SECRET'],
    ['Authorization', 'SECRET'],
    ['set-cookie', 'SECRET'],
    ['apiKey', 'SECRET'],
    ['API-KEY', 'SECRET'],
    ['private_key', 'SECRET'],
    ['refresh_token', 'SECRET'],
  ])('replaces the whole value under %s', (key, type) => {
    const result = masker.maskValue({ [key]: { nested: 'anything', n: 1 } });
    expect(result.value).toEqual({ [key]: `[${type}]` });
    expect(result.counts).toEqual({ [type]: 1 });
  });

  it('leaves null and undefined under sensitive keys as they are', () => {
    expect(masker.maskValue({ password: null, token: undefined }).value).toEqual({
      password: null,
      token: undefined,
    });
  });

  it('honours extra sensitive keys from the configuration', () => {
    const custom = createMasker({ sensitiveKeys: ['member_number'] });
    expect(custom.maskValue({ memberNumber: 'AB123456', name: 'x' }).value).toEqual({
      memberNumber: '[SECRET]',
      name: 'x',
    });
  });

  it('never mutates the input', () => {
    const input = { email: 'jane@example.com', list: [{ password: 'x' }] };
    const snapshot = structuredClone(input);
    const result = masker.maskValue(input);
    expect(input).toEqual(snapshot);
    expect(result.value).not.toBe(input);
    expect(result.value.list).not.toBe(input.list);
  });

  it('replaces cycles with a marker', () => {
    const node: Record<string, unknown> = { name: 'a@example.com' };
    node['self'] = node;
    node['list'] = [node];
    expect(masker.maskValue(node).value).toEqual({
      name: '[EMAIL]',
      self: MARKERS.circular,
      list: [MARKERS.circular],
    });
  });

  it('masks an object shared by two branches in both places', () => {
    const shared = { email: 'a@example.com' };
    expect(masker.maskValue({ a: shared, b: shared }).value).toEqual({
      a: { email: '[EMAIL]' },
      b: { email: '[EMAIL]' },
    });
  });

  it('replaces structures deeper than maxDepth with a marker instead of recursing', () => {
    let deep: unknown = 'jane@example.com';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const shallow = createMasker({ maxDepth: 3 });
    expect(shallow.maskValue({ a: { b: { c: { d: 1 } } } }).value).toEqual({
      a: { b: { c: MARKERS.maxDepth } },
    });
    expect(() => masker.maskValue(deep)).not.toThrow();
  });

  it('stops after maxNodes and says how much was left out', () => {
    const small = createMasker({ maxNodes: 5 });
    const value = small.maskValue({
      list: Array.from({ length: 100 }, (_, i) => `user${i}@example.com`),
      after: 'x',
    }).value as { list: string[]; after?: string };
    // The object and the array are nodes too, so five nodes leave room for three strings.
    expect(value.list).toEqual(['[EMAIL]', '[EMAIL]', '[EMAIL]', MARKERS.truncated]);
    expect(value).toHaveProperty([MARKERS.truncated], 1);
  });

  it('masks keys too, keeping colliding keys apart', () => {
    expect(masker.maskValue({ 'a@example.com': 1, 'b@example.com': 2 }).value).toEqual({
      '[EMAIL]': 1,
      '[EMAIL]#2': 2,
    });
  });

  it('keeps a __proto__ key as data instead of changing the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "jane@example.com"}}');
    const value = masker.maskValue(input).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({
      polluted: '[EMAIL]',
    });
  });

  it('keeps keys named like Object.prototype members as plain own data', () => {
    const input = JSON.parse(
      '{"constructor": "x", "toString": "jane@example.com", "hasOwnProperty": 1}',
    );
    const value = masker.maskValue(input).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['constructor', 'toString', 'hasOwnProperty']);
    expect(value['toString']).toBe('[EMAIL]');
    expect(({} as Record<string, unknown>)['toString']).toBe(Object.prototype.toString);
  });

  it('suffixes a masked key that collides with a key already copied', () => {
    expect(masker.maskValue({ '[EMAIL]': 1, 'a@example.com': 2 }).value).toEqual({
      '[EMAIL]': 1,
      '[EMAIL]#2': 2,
    });
  });

  it('marks a value that contains itself as circular, but not a repeated sibling', () => {
    const shared = { note: 'jane@example.com' };
    const looped: Record<string, unknown> = { shared, again: shared };
    looped['self'] = looped;
    expect(masker.maskValue(looped).value).toEqual({
      shared: { note: '[EMAIL]' },
      again: { note: '[EMAIL]' },
      self: MARKERS.circular,
    });
  });

  it('survives getters that throw', () => {
    const hostile = {
      ok: 'jane@example.com',
      get broken(): string {
        throw new Error('no');
      },
    };
    expect(masker.maskValue(hostile).value).toEqual({ ok: '[EMAIL]', broken: MARKERS.unreadable });
  });

  it('handles Maps, Sets, Dates, Errors and binary data', () => {
    const date = new Date(0);
    const value = masker.maskValue({
      map: new Map([
        ['password', 'x'],
        ['mail', 'jane@example.com'],
      ]),
      set: new Set(['10.0.0.1']),
      date,
      error: new Error('failed for jane@example.com'),
      bytes: new Uint8Array([1, 2, 3]),
    }).value;
    expect(value.map).toEqual(
      new Map([
        ['password', '[PASSWORD]'],
        ['mail', '[EMAIL]'],
      ]),
    );
    expect(value.set).toEqual(new Set(['[IPV4]']));
    expect(value.date).toEqual(date);
    expect(value.date).not.toBe(date);
    expect(value.error).toMatchObject({ name: 'Error', message: 'failed for [EMAIL]' });
    expect(JSON.stringify(value.error)).not.toContain('jane@example.com');
    expect(value.bytes).toBe(MARKERS.binary);
  });

  it('masks card numbers stored as JSON numbers', () => {
    expect(masker.maskValue({ pan: 4111111111111111, orderId: 1714567890123 }).value).toEqual({
      pan: '[CREDIT_CARD]',
      orderId: 1714567890123,
    });
  });

  it('masks card numbers stored as negative JSON numbers, dropping the sign', () => {
    expect(
      masker.maskValue({ pan: -4111111111111111, big: -5500005555555559n, debit: -1714567890123 })
        .value,
    ).toEqual({ pan: '[CREDIT_CARD]', big: '[CREDIT_CARD]', debit: -1714567890123 });
  });

  it('masks a bare string like maskText does', () => {
    expect(masker.maskValue('mail jane@example.com').value).toBe('mail [EMAIL]');
  });
});
