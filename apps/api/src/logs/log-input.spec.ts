import { normaliseLogInput } from './log-input';

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < depth; i += 1) value = { inner: value };
  return value;
}

describe('normaliseLogInput', () => {
  it('accepts the canonical shape', () => {
    const { input } = normaliseLogInput({
      level: 'warning',
      message: 'disk almost full',
      service: 'storage',
      timestamp: '2025-01-31T12:00:00Z',
      context: { disk: '/dev/sda1' },
      traceId: 'abc',
    });
    expect(input).toEqual({
      level: 'warn',
      message: 'disk almost full',
      service: 'storage',
      timestamp: Date.parse('2025-01-31T12:00:00Z'),
      context: { disk: '/dev/sda1' },
      traceId: 'abc',
      spanId: undefined,
    });
  });

  it('reads a raw pino line and moves unknown fields into context', () => {
    const { input } = normaliseLogInput({
      level: 50,
      time: 1738324800000,
      pid: 42,
      hostname: 'web-1',
      name: 'checkout',
      msg: 'payment failed',
      orderId: 'A-1',
    });
    expect(input).toMatchObject({
      level: 'error',
      message: 'payment failed',
      service: 'checkout',
      timestamp: 1738324800000,
      context: { pid: 42, hostname: 'web-1', orderId: 'A-1' },
    });
  });

  it.each([
    ['the canonical shape', { message: 'hi' }],
    ['a pino line without a level', { msg: 'hi', pid: 7 }],
    ['a winston-style object', { message: 'hi', requestId: 'r-1' }],
  ])('files %s without a level as info', (_label, raw) => {
    expect(normaliseLogInput(raw).input).toMatchObject({ level: 'info', message: 'hi' });
  });

  it('still refuses an explicit level it does not know', () => {
    expect(normaliseLogInput({ level: 'loud', message: 'hi' }).problem).toMatchObject({
      field: 'level',
    });
  });

  it('defaults the service and leaves the timestamp for the receiver', () => {
    const { input } = normaliseLogInput({ level: 'info', message: 'hi' });
    expect(input).toMatchObject({ service: 'default', timestamp: undefined, context: undefined });
  });

  it.each([
    [[], 'body', 'must be a JSON object'],
    [{ level: 'info' }, 'message', 'is required'],
    [{ level: 'verbose', message: 'x' }, 'level', 'unknown level'],
    [{ level: true, message: 'x' }, 'level', 'must be a string or an integer'],
    [{ level: 'info', message: 42 }, 'message', 'must be a string'],
    [{ level: 'info', message: 'x', timestamp: 'yesterday' }, 'timestamp', 'ISO-8601'],
    [{ level: 'info', message: 'x', context: 'text' }, 'context', 'must be an object'],
    [{ level: 'info', message: 'x', service: '' }, 'service', 'must NOT have fewer than 1'],
    [{ level: 'info', message: 'x', context: nested(9) }, 'context', 'deeper than 8'],
  ])('rejects %j naming %s', (raw, field, reason) => {
    const { problem } = normaliseLogInput(raw);
    expect(problem?.field || 'body').toBe(field);
    expect(problem?.reason).toContain(reason);
  });

  it('accepts context exactly 8 levels deep', () => {
    expect(
      normaliseLogInput({ level: 'info', message: 'x', context: nested(8) }).input,
    ).toBeDefined();
  });

  it('rejects context with more than 200 keys', () => {
    const context = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]));
    expect(normaliseLogInput({ level: 'info', message: 'x', context }).problem?.reason).toBe(
      'more than 200 keys',
    );
  });

  it.each([
    [
      '{"level":"info","message":"x","context":{"jane@example.com":1,"__proto__":{}}}',
      'context[1]',
    ],
    [
      '{"level":"info","message":"x","context":{"a":[0,{"secret":{"constructor":1}}]}}',
      'context[0][1][0][0]',
    ],
    ['{"level":"info","message":"x","__proto__":{"polluted":true}}', 'entry[2]'],
  ])('names a forbidden key by its position, never by a key name: %s', (json, field) => {
    const { problem } = normaliseLogInput(JSON.parse(json));
    expect(problem).toEqual({ field, reason: 'forbidden key' });
  });

  it.each([
    '{"level":"info","message":"x","context":{"__proto__":{"polluted":true}}}',
    '{"level":"info","message":"x","__proto__":{"polluted":true}}',
    '{"level":"info","message":"x","context":{"a":[{"constructor":{"prototype":{"polluted":true}}}]}}',
  ])('rejects prototype keys without polluting anything: %s', (json) => {
    const { problem } = normaliseLogInput(JSON.parse(json));
    expect(problem?.reason).toBe('forbidden key');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
