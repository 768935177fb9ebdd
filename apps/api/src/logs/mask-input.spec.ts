import { createMasker } from '@redtail/masking';
import { maskInput, SizeLimits } from './mask-input';

const limits = (maxMessageBytes: number): SizeLimits => ({
  maxMessageBytes,
  context: { maxValueBytes: 16 * 1024, maxBytes: 64 * 1024 },
});

const masker = createMasker();
const input = (message: string) => ({
  level: 'info' as const,
  message,
  service: 'checkout',
  timestamp: undefined,
  context: { email: 'jane.doe@example.com' },
  traceId: undefined,
  spanId: undefined,
});

describe('maskInput', () => {
  it('masks message and context and counts both', () => {
    const masked = maskInput(masker, input('mail jane.doe@example.com'), undefined, limits(1024));
    expect(masked.message).toBe('mail [EMAIL]');
    expect(masked.context).toEqual({ email: '[EMAIL]' });
    expect(masked.masked).toEqual({ EMAIL: 2 });
  });

  it('cuts an over-long message only after masking, so no half secret survives', () => {
    const message = `${'x'.repeat(40)} jane.doe@example.com ${'y'.repeat(40)}`;
    const masked = maskInput(masker, input(message), undefined, limits(60));
    expect(masked.truncated).toBe(true);
    expect(Buffer.byteLength(masked.message)).toBeLessThanOrEqual(60);
    expect(masked.message).not.toContain('jane');
    expect(masked.message.endsWith('… [truncated]')).toBe(true);
  });

  it.each([
    ['message', { message: 'mail jane.doe@example.com' }],
    ['a context value', { context: { note: 'jane.doe@example.com' } }],
    ['a context key', { context: { 'jane.doe@example.com': true } }],
    ['a nested context key', { context: { user: { 'jane.doe@example.com': 1 } } }],
    ['the service (a pino name included)', { service: 'jane.doe@example.com 4111111111111111' }],
    ['the trace id', { traceId: 'jane.doe@example.com' }],
    ['the span id', { spanId: 'jane.doe@example.com' }],
  ])('masks %s', (_field, fields) => {
    const masked = maskInput(
      masker,
      { ...input('hello'), context: undefined, ...fields },
      undefined,
      limits(1024),
    );
    const stored = JSON.stringify(masked);
    expect(stored).not.toContain('jane.doe');
    expect(stored).not.toContain('4111111111111111');
    expect(masked.masked['EMAIL']).toBeGreaterThanOrEqual(1);
  });

  it('masks a JWT given as the trace id', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const masked = maskInput(masker, { ...input('hi'), traceId: jwt }, undefined, limits(1024));
    expect(masked.traceId).not.toContain('eyJ');
  });

  it('keeps ordinary ids and service names as they are', () => {
    const masked = maskInput(
      masker,
      {
        ...input('hi'),
        context: undefined,
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
      },
      undefined,
      limits(1024),
    );
    expect(masked).toMatchObject({
      service: 'checkout',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      masked: {},
    });
  });

  it('files the entry under the service a bound key forces', () => {
    expect(maskInput(masker, input('hi'), 'billing', limits(1024)).service).toBe('billing');
  });
});
