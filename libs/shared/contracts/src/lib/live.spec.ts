import type { LogEntry } from './logs';
import { fromLiveBlock, fromLiveRow, toLiveBlock, toLiveRow } from './live';

const AT = '2026-12-02T13:00:00.000Z';

function entry(seq: number, overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    id: `3-${seq}`,
    seq,
    level: 'info',
    service: 'checkout',
    message: `line ${seq}`,
    timestamp: AT,
    receivedAt: AT,
    masked: {},
    ...overrides,
  };
}

describe('live rows', () => {
  const entries: [string, LogEntry][] = [
    ['a plain entry', entry(1)],
    ['an entry with its own timestamp', entry(2, { timestamp: '2026-12-02T12:59:59.250Z' })],
    ['an entry with masked values', entry(3, { masked: { EMAIL: 2 } })],
    ['an entry with context', entry(4, { context: { status: 500, user: { id: 'u-1' } } })],
    ['an entry with trace and span', entry(5, { traceId: 'abc', spanId: 'def' })],
    ['a truncated fatal entry', entry(6, { level: 'fatal', truncated: true })],
    ['a trace entry with a span only', entry(7, { level: 'trace', spanId: 'def' })],
  ];

  it.each(entries)('round-trip %s exactly', (_label, original) => {
    const row = toLiveRow(original);
    expect(fromLiveRow(3, JSON.parse(JSON.stringify(row)))).toEqual(original);
  });

  it('send no field names, no id and nothing for absent trailing fields', () => {
    expect(toLiveRow(entry(1))).toEqual([1, 2, 'checkout', 'line 1', AT, 0]);
    expect(toLiveRow(entry(7, { spanId: 'def' }))).toEqual([
      7,
      2,
      'checkout',
      'line 7',
      AT,
      0,
      0,
      0,
      0,
      'def',
    ]);
  });

  it('leave the context out when asked, and say that there was one', () => {
    const original = entry(4, { context: { status: 500 }, traceId: 'abc' });
    const row = toLiveRow(original, false);
    expect(JSON.stringify(row)).not.toContain('status');
    const { context: _context, ...rest } = original;
    expect(fromLiveRow(3, JSON.parse(JSON.stringify(row)))).toEqual({
      ...rest,
      contextWithheld: true,
    });
  });

  it('mark nothing withheld for an entry without context', () => {
    expect(toLiveRow(entry(1), false)).toEqual(toLiveRow(entry(1)));
    expect(fromLiveRow(3, toLiveRow(entry(1), false))).not.toHaveProperty('contextWithheld');
  });

  it('are a good deal smaller than the entries as objects', () => {
    const sample = entry(42, { context: { requestId: 'req-1', status: 200 } });
    expect(JSON.stringify(toLiveRow(sample)).length).toBeLessThan(
      JSON.stringify(sample).length * 0.7,
    );
  });
});

describe('live blocks', () => {
  it('carry the epoch once and give back the entries with their ids', () => {
    const original = [entry(10), entry(11, { level: 'error' })];
    const block = toLiveBlock(original);
    expect(block.epoch).toBe(3);
    expect(fromLiveBlock(JSON.parse(JSON.stringify(block)))).toEqual(original);
  });

  it('decode an empty block to no entries', () => {
    expect(fromLiveBlock(toLiveBlock([]))).toEqual([]);
  });
});

describe('entries with nothing masked', () => {
  it('share one frozen empty count, so a dashboard holds no object per entry for it', () => {
    const [first, second] = fromLiveBlock(toLiveBlock([entry(1), entry(2)]));
    expect(first.masked).toEqual({});
    expect(first.masked).toBe(second.masked);
    expect(Object.isFrozen(first.masked)).toBe(true);
  });
});
