import { createMasker } from '@redtail/masking';
import { maskInput } from './mask-input';

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
    const masked = maskInput(masker, input('mail jane.doe@example.com'), undefined, 1024);
    expect(masked.message).toBe('mail [EMAIL]');
    expect(masked.context).toEqual({ email: '[EMAIL]' });
    expect(masked.masked).toEqual({ EMAIL: 2 });
  });

  it('cuts an over-long message only after masking, so no half secret survives', () => {
    const message = `${'x'.repeat(40)} jane.doe@example.com ${'y'.repeat(40)}`;
    const masked = maskInput(masker, input(message), undefined, 60);
    expect(masked.truncated).toBe(true);
    expect(Buffer.byteLength(masked.message)).toBeLessThanOrEqual(60);
    expect(masked.message).not.toContain('jane');
    expect(masked.message.endsWith('… [truncated]')).toBe(true);
  });

  it('files the entry under the service a bound key forces', () => {
    expect(maskInput(masker, input('hi'), 'billing', 1024).service).toBe('billing');
  });
});
