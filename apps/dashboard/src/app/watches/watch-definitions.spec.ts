import {
  MAX_WATCH_NAME,
  MAX_WATCHES,
  describeFilter,
  parseStoredWatches,
  serializeWatches,
  watchOf,
} from './watch-definitions';

describe('describeFilter', () => {
  it('names what is watched, part by part', () => {
    expect(
      describeFilter({
        q: 'timeout',
        level: 'warn',
        services: ['billing', 'api', 'web'],
        where: ['status=500'],
      }),
    ).toBe('"timeout" · warn and above · billing +2 · status=500');
    expect(describeFilter({ exclude: 'retry' })).toBe('not "retry"');
    expect(describeFilter({ q: 'time(out|d)', regex: true, levels: ['error', 'fatal'] })).toBe(
      '/time(out|d)/ · error, fatal',
    );
    expect(describeFilter({ services: ['billing'] })).toBe('billing');
    expect(describeFilter({})).toBe('every line');
  });

  it('clips a long name with an ellipsis', () => {
    const name = describeFilter({ q: 'x'.repeat(200) });
    expect(name).toHaveLength(MAX_WATCH_NAME);
    expect(name.endsWith('…')).toBe(true);
  });
});

describe('watchOf', () => {
  it('refuses a filter that lets every line through, the regex switch alone included', () => {
    expect(watchOf({}, 'all', 'a')).toBeNull();
    expect(watchOf({ regex: true }, 'all', 'a')).toBeNull();
    expect(watchOf({ since: 1, until: 2 }, 'a range only', 'a')).toBeNull();
  });

  it('drops the time range, keeps the rest, and names it when no name is given', () => {
    expect(watchOf({ q: 'boom', since: 1, until: 2 }, '  ', 'a')).toEqual({
      id: 'a',
      name: '"boom"',
      filter: { q: 'boom' },
    });
    expect(watchOf({ level: 'error' }, ' Errors ', 'b')?.name).toBe('Errors');
  });
});

describe('stored watches', () => {
  it('reads back what it wrote', () => {
    const watches = [
      watchOf({ q: 'payment failed', level: 'warn' }, 'Payments', 'a'),
      watchOf({ services: ['billing', 'api'], where: ['user.id=42', 'status=500'] }, '', 'b'),
      watchOf({ q: '^E\\d+', regex: true, exclude: 'retry' }, 'Codes', 'c'),
    ].filter((watch) => watch !== null);
    expect(parseStoredWatches(serializeWatches(watches))).toEqual(watches);
  });

  it('skips what is not a watch and keeps the first of a repeated id', () => {
    const stored = JSON.stringify([
      null,
      'text',
      { id: 'a', name: 'no filter' },
      { id: '', name: 'no id', filter: 'q=x' },
      { id: 'b', name: 'every line', filter: '' },
      { id: 'c', name: 'bad level', filter: 'level=loud' },
      { id: 'd', name: 'good', filter: 'q=x' },
      { id: 'd', name: 'again', filter: 'q=y' },
      { id: 'e', name: 42, filter: 'level=error' },
    ]);
    expect(parseStoredWatches(stored)).toEqual([
      { id: 'd', name: 'good', filter: { q: 'x' } },
      { id: 'e', name: 'error and above', filter: { level: 'error' } },
    ]);
  });

  it('survives storage that is not JSON, not a list, or absent', () => {
    expect(parseStoredWatches('{')).toEqual([]);
    expect(parseStoredWatches('{"id":"a"}')).toEqual([]);
    expect(parseStoredWatches(null)).toEqual([]);
  });

  it(`keeps at most ${MAX_WATCHES}`, () => {
    const many = Array.from({ length: MAX_WATCHES + 3 }, (_, i) => ({
      id: `w${i}`,
      name: `W${i}`,
      filter: `q=w${i}`,
    }));
    expect(parseStoredWatches(JSON.stringify(many)).map((watch) => watch.id)).toEqual(
      many.slice(0, MAX_WATCHES).map((watch) => watch.id),
    );
  });
});
