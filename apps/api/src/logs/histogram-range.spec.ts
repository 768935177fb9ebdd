import { DEFAULT_HISTOGRAM_SPAN_MS, histogramRange } from './histogram-range';

const NOW = Date.parse('2026-12-02T10:00:00Z');

describe('histogramRange', () => {
  it('covers the hour before now when given nothing', () => {
    expect(histogramRange(undefined, undefined, NOW)).toEqual({
      from: NOW - DEFAULT_HISTOGRAM_SPAN_MS,
      to: NOW,
    });
  });

  it('covers the hour before until, and since to now', () => {
    expect(histogramRange(undefined, 5_000_000, NOW)).toEqual({
      from: 5_000_000 - DEFAULT_HISTOGRAM_SPAN_MS,
      to: 5_000_000,
    });
    expect(histogramRange(NOW - 10, undefined, NOW)).toEqual({ from: NOW - 10, to: NOW });
  });

  it.each([
    ['a zero-width range', 1_000, 1_000, 'until'],
    ['a reversed range', 2_000, 1_000, 'until'],
    ['a since of now with no until', NOW, undefined, 'since'],
    ['a since in the future with no until', NOW + 1, undefined, 'since'],
  ])('refuses %s, naming the parameter', (_name, since, until, field) => {
    expect(histogramRange(since, until, NOW)).toEqual({ field, reason: expect.any(String) });
  });
});
