import { FILTER_LIMITS, type LogEntry } from '@redtail/contracts';
import { FieldValueTally } from './field-value-tally';

function entry(
  context: Record<string, unknown> | undefined,
  extra: Partial<LogEntry> = {},
): LogEntry {
  return {
    id: '1-1',
    seq: 1,
    level: 'info',
    service: 'api',
    message: 'm',
    timestamp: '2026-12-04T00:00:00.000Z',
    receivedAt: '2026-12-04T00:00:00.000Z',
    masked: {},
    context,
    ...extra,
  };
}

describe('FieldValueTally', () => {
  it('counts values as where compares them, most frequent first, equal counts by value', () => {
    const tally = new FieldValueTally('http.status');
    for (const status of [500, 200, 200, '200', 404, 500, 200]) {
      tally.add(entry({ http: { status } }));
    }
    tally.add(entry({ http: {} }));
    tally.add(entry({ http: { status: { code: 1 } } }));
    tally.add(entry(undefined));
    expect(tally.result(2, true)).toEqual({
      field: 'http.status',
      values: [
        { value: '200', count: 4 },
        { value: '500', count: 2 },
      ],
      other: 1,
      missing: 3,
      counted: 10,
      complete: true,
    });
  });

  it('counts null and booleans as text, and the entry’s own trace id', () => {
    const tally = new FieldValueTally('flag');
    tally.add(entry({ flag: null }));
    tally.add(entry({ flag: false }));
    expect(tally.result(5, false).values).toEqual([
      { value: 'false', count: 1 },
      { value: 'null', count: 1 },
    ]);
    const traces = new FieldValueTally('traceId');
    traces.add(entry(undefined, { traceId: 'abc' }));
    expect(traces.result(5, true).values).toEqual([{ value: 'abc', count: 1 }]);
  });

  it('tells apart a bounded number of values, and none too long to filter on', () => {
    const tally = new FieldValueTally('user', 3);
    for (const user of ['a', 'b', 'c', 'd', 'a', 'e']) tally.add(entry({ user }));
    tally.add(entry({ user: 'x'.repeat(FILTER_LIMITS.whereLength) }));
    const result = tally.result(10, true);
    expect(result.values).toEqual([
      { value: 'a', count: 2 },
      { value: 'b', count: 1 },
      { value: 'c', count: 1 },
    ]);
    expect(result.other).toBe(3);
  });
});
