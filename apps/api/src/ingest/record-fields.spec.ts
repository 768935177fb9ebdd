import { fieldsWithout } from './record-fields';

describe('fieldsWithout', () => {
  it('copies every field but the taken ones, in order, and leaves the record alone', () => {
    const record = { a: 1, b: 'two', c: { d: 3 }, e: null };
    const kept = fieldsWithout(record, new Set(['b', 'missing']));
    expect(kept).toEqual({ a: 1, c: { d: 3 }, e: null });
    expect(Object.keys(kept)).toEqual(['a', 'c', 'e']);
    expect(record).toEqual({ a: 1, b: 'two', c: { d: 3 }, e: null });
  });

  it('puts a replaced value in its place, and drops a field replaced by nothing', () => {
    const record = { log: { level: 'warn', logger: 'app' }, service: { name: 'api' }, x: 1 };
    const replaced = new Map<string, Record<string, unknown> | undefined>([
      ['log', { logger: 'app' }],
      ['service', undefined],
    ]);
    expect(fieldsWithout(record, new Set(), replaced)).toEqual({ log: { logger: 'app' }, x: 1 });
  });

  it('keeps a field whose name is inherited from Object.prototype as a plain field', () => {
    const record = JSON.parse('{"constructor":"c","toString":"t","m":1}') as Record<
      string,
      unknown
    >;
    const kept = fieldsWithout(record, new Set(['m']));
    expect(kept).toEqual({ constructor: 'c', toString: 't' });
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
  });

  it('keeps a __proto__ field as an own field, as a spread does, never as the prototype', () => {
    const record = JSON.parse('{"__proto__":{"polluted":true},"m":1}') as Record<string, unknown>;
    const kept = fieldsWithout(record, new Set(['m']));
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(Object.keys(kept)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(kept, '__proto__')?.value).toEqual({ polluted: true });
    expect((kept as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
