import { convertToParamMap } from '@angular/router';
import { entry } from '../../testing/fake-log-socket';
import { filterFromParams, filterToParams, isFiltered, matchesFilter } from './log-filter';

describe('log filters in the URL', () => {
  it('reads level, levels, services and q', () => {
    const filter = filterFromParams(
      convertToParamMap({
        level: 'warn',
        levels: 'error,fatal',
        services: 'api, web',
        q: ' boom ',
      }),
    );
    expect(filter).toEqual({
      level: 'warn',
      levels: ['error', 'fatal'],
      services: ['api', 'web'],
      q: 'boom',
    });
  });

  it('ignores unknown levels and empty values', () => {
    expect(
      filterFromParams(convertToParamMap({ level: 'loud', levels: 'x,,info', q: ' ' })),
    ).toEqual({
      levels: ['info'],
    });
  });

  it('writes null for unset fields so they leave the URL', () => {
    expect(filterToParams({ services: ['api'] })).toEqual({
      level: null,
      levels: null,
      services: 'api',
      q: null,
    });
  });

  it('round-trips through the URL', () => {
    const filter = { level: 'info' as const, services: ['a', 'b'], q: 'x' };
    const params = filterToParams(filter);
    const present = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
    expect(filterFromParams(convertToParamMap(present))).toEqual(filter);
  });

  it('knows when anything is filtered', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ q: 'x' })).toBe(true);
  });
});

describe('matchesFilter', () => {
  it.each([
    [{ level: 'warn' as const }, entry(1, { level: 'error' }), true],
    [{ level: 'warn' as const }, entry(1, { level: 'info' }), false],
    [{ levels: ['debug' as const] }, entry(1, { level: 'info' }), false],
    [{ services: ['api'] }, entry(1, { service: 'api' }), true],
    [{ services: ['api'] }, entry(1, { service: 'web' }), false],
    [{ q: 'TIMEOUT' }, entry(1, { message: 'upstream timeout' }), true],
    [{ q: 'refused' }, entry(1, { message: 'upstream timeout' }), false],
  ])('applies %p', (filter, line, expected) => {
    expect(matchesFilter(line, filter)).toBe(expected);
  });
});
