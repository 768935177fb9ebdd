import type { OtlpLogRecord } from './otlp-decoder';
import { otlpToLogInput } from './otlp-mapper';

/** A fresh record each time: the mapper takes its `attributes` over as the context. */
const record = (change: Partial<OtlpLogRecord> = {}): OtlpLogRecord => ({
  resource: { 'service.name': 'checkout', 'host.name': 'h1' },
  scope: 'payments',
  time: '1764000000123456789',
  observedTime: '1764000009000000000',
  severityNumber: 17,
  severityText: 'ERROR',
  body: 'failed',
  attributes: { 'user.id': 7 },
  traceId: 'abc',
  spanId: 'def',
  eventName: undefined,
  ...change,
});

describe('otlpToLogInput', () => {
  it('maps a full record', () => {
    expect(otlpToLogInput(record())).toEqual({
      level: 'error',
      message: 'failed',
      service: 'checkout',
      timestamp: 1764000000123,
      context: { 'user.id': 7, resource: { 'host.name': 'h1' }, scope: 'payments' },
      traceId: 'abc',
      spanId: 'def',
    });
  });

  it.each([
    [{ severityNumber: undefined, severityText: 'Warning' }, 'warn'],
    [{ severityNumber: 0, severityText: undefined }, 'info'],
    [{ severityNumber: 3, severityText: 'ERROR' }, 'trace'],
  ])('takes the level from %p', (change, level) => {
    expect(otlpToLogInput(record(change)).level).toBe(level);
  });

  it.each([
    [{ body: { a: 1 } }, '{"a":1}'],
    [{ body: 42 }, '42'],
    [{ body: undefined, eventName: 'session.start' }, 'session.start'],
    [{ body: undefined }, ''],
  ])('writes the body %p as the message', (change, message) => {
    expect(otlpToLogInput(record(change)).message).toBe(message);
  });

  it('falls back to the observed time, then to none', () => {
    expect(otlpToLogInput(record({ time: '0' })).timestamp).toBe(1764000009000);
    expect(
      otlpToLogInput(record({ time: undefined, observedTime: undefined })).timestamp,
    ).toBeUndefined();
  });

  it('lets an attribute named resource or scope win over the grouping', () => {
    expect(
      otlpToLogInput(record({ attributes: { resource: 'mine', scope: 'mine' } })).context,
    ).toEqual({
      resource: 'mine',
      scope: 'mine',
    });
  });
});
