import { ago, logTime, timeTitle } from './log-time';

const NOW = Date.parse('2026-12-02T10:00:00.000Z');

describe('logTime', () => {
  it('shows only the clock for a line from today', () => {
    expect(logTime('2026-12-02T09:58:07.042Z', 'utc', NOW)).toBe('09:58:07.042');
  });

  it('adds month and day for an earlier day this year', () => {
    expect(logTime('2026-11-30T23:15:00.500Z', 'utc', NOW)).toBe('Nov 30 23:15:00.500');
  });

  it('adds the full date for another year', () => {
    expect(logTime('2025-12-02T09:58:07.000Z', 'utc', NOW)).toBe('2025-12-02 09:58:07.000');
  });

  it('decides "today" in the chosen zone', () => {
    // 00:30 UTC on the 2nd is still the 1st west of UTC and already the 2nd in UTC.
    const iso = '2026-12-02T00:30:00.000Z';
    expect(logTime(iso, 'utc', NOW)).toBe('00:30:00.000');
    const local = new Date(iso);
    const sameLocalDay = local.getDate() === new Date(NOW).getDate();
    expect(logTime(iso, 'local', NOW).includes('Dec')).toBe(!sameLocalDay);
  });

  it('returns text that is not a date unchanged', () => {
    expect(logTime('yesterday-ish', 'utc', NOW)).toBe('yesterday-ish');
  });
});

describe('ago', () => {
  it.each([
    [NOW - 500, 'just now'],
    [NOW - 42_000, '42 s ago'],
    [NOW - 3 * 60_000, '3 min ago'],
    [NOW - 2 * 3_600_000 - 1, '2 h ago'],
    [NOW - 86_400_000, '1 day ago'],
    [NOW - 5 * 86_400_000, '5 days ago'],
    [NOW + 3 * 60_000, 'in 3 min'],
  ])('describes %s relative to now as "%s"', (time, text) => {
    expect(ago(time, NOW)).toBe(text);
  });
});

describe('timeTitle', () => {
  it('says how long ago and gives the exact UTC instant', () => {
    expect(timeTitle('2026-12-02T09:57:00.000Z', NOW)).toBe('3 min ago · 2026-12-02T09:57:00.000Z');
  });
});
