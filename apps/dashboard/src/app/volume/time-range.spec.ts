import {
  RANGE_PRESETS,
  customRange,
  describeRange,
  fromLocalInput,
  presetRange,
  rangeOf,
  toLocalInput,
  withoutRange,
} from './time-range';

const NOW = new Date(2026, 11, 2, 10, 30, 15).getTime();

describe('presetRange', () => {
  it('turns "last 15 minutes" into absolute times ending now', () => {
    const preset = RANGE_PRESETS.find((p) => p.name === 'Last 15 minutes');
    expect(preset && presetRange(preset, NOW)).toEqual({ since: NOW - 900_000, until: NOW });
  });
});

describe('rangeOf', () => {
  it('reads both ends of a range from the filter', () => {
    expect(rangeOf({ since: 1, until: 5 }, NOW)).toEqual({ since: 1, until: 5 });
  });

  it('runs a lone since up to now', () => {
    expect(rangeOf({ since: NOW - 10 }, NOW)).toEqual({ since: NOW - 10, until: NOW });
  });

  it('is live without since, or with the ends reversed', () => {
    expect(rangeOf({}, NOW)).toBeNull();
    expect(rangeOf({ until: 5 }, NOW)).toBeNull();
    expect(rangeOf({ since: 9, until: 5 }, NOW)).toBeNull();
  });
});

describe('withoutRange', () => {
  it('keeps every other part of the filter', () => {
    expect(withoutRange({ since: 1, until: 2, q: 'x', levels: ['warn'] })).toEqual({
      q: 'x',
      levels: ['warn'],
    });
  });
});

describe('local datetime inputs', () => {
  it('round-trips a time through the input format to the second', () => {
    expect(toLocalInput(NOW)).toBe('2026-12-02T10:30:15');
    expect(fromLocalInput(toLocalInput(NOW))).toBe(NOW);
  });

  it('accepts minutes only, as browsers send without a step', () => {
    expect(fromLocalInput('2026-12-02T10:30')).toBe(new Date(2026, 11, 2, 10, 30).getTime());
  });

  it.each(['', 'yesterday', '2026-02-30T10:00', '2026-12-02 10:00', '2026-13-01T00:00'])(
    'refuses %p',
    (value) => {
      expect(fromLocalInput(value)).toBeNull();
    },
  );
});

describe('customRange', () => {
  it('accepts a start before the end', () => {
    expect(customRange('2026-12-02T10:00', '2026-12-02T10:05')).toEqual({
      ok: true,
      range: {
        since: new Date(2026, 11, 2, 10, 0).getTime(),
        until: new Date(2026, 11, 2, 10, 5).getTime(),
      },
    });
  });

  it('says which end is missing or that they are in the wrong order', () => {
    expect(customRange('', '2026-12-02T10:05')).toEqual({
      ok: false,
      reason: 'Enter a start date and time.',
    });
    expect(customRange('2026-12-02T10:00', 'x')).toEqual({
      ok: false,
      reason: 'Enter an end date and time.',
    });
    expect(customRange('2026-12-02T10:05', '2026-12-02T10:00')).toEqual({
      ok: false,
      reason: 'The start must be before the end.',
    });
  });
});

describe('describeRange', () => {
  it('shows times only within today and dates otherwise', () => {
    expect(describeRange({ since: NOW - 60_000, until: NOW }, NOW)).toBe('10:29:15 – 10:30:15');
    const yesterday = new Date(2026, 11, 1, 23, 0, 0).getTime();
    expect(describeRange({ since: yesterday, until: NOW }, NOW)).toBe(
      '2026-12-01 23:00:00 – 2026-12-02 10:30:15',
    );
  });
});
