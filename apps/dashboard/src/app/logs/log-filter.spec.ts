import { convertToParamMap } from '@angular/router';
import { entry } from '../../testing/fake-log-socket';
import {
  filterFromParams,
  filterToParams,
  compileFilter,
  isFiltered,
  patternRefusal,
  sameFilter,
} from './log-filter';

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
      service: null,
      q: null,
      exclude: null,
      regex: null,
      since: null,
      until: null,
      where: null,
    });
  });

  it('reads exclude and regex as the API does, and ignores a regex value it does not know', () => {
    expect(filterFromParams(convertToParamMap({ exclude: ' health ', regex: '1' }))).toEqual({
      exclude: 'health',
      regex: true,
    });
    expect(filterFromParams(convertToParamMap({ q: 'a', regex: 'true' }))).toEqual({
      q: 'a',
      regex: true,
    });
    expect(filterFromParams(convertToParamMap({ q: 'a', regex: 'yes' }))).toEqual({ q: 'a' });
  });

  it('reads since, until and repeated where conditions, and the service alias', () => {
    const filter = filterFromParams(
      convertToParamMap({
        since: '2026-01-02T03:00:00Z',
        until: '1767326400000',
        where: ['status=500', 'user.id=7'],
        service: 'api',
      }),
    );
    expect(filter).toEqual({
      since: Date.UTC(2026, 0, 2, 3),
      until: 1767326400000,
      where: ['status=500', 'user.id=7'],
      services: ['api'],
    });
  });

  it('carries field conditions as repeated where parameters, dropping malformed ones', () => {
    const params = convertToParamMap({ where: ['status=502', 'note=a,b', 'no-equals', '=x'] });
    const filter = filterFromParams(params);
    expect(filter).toEqual({ where: ['status=502', 'note=a,b'] });
    expect(filterToParams(filter)['where']).toEqual(['status=502', 'note=a,b']);
    const many = Array.from({ length: 12 }, (_, i) => `f${i}=${i}`);
    expect(filterFromParams(convertToParamMap({ where: many })).where).toEqual(many.slice(0, 8));
  });

  it('leaves out each refused parameter and keeps the rest of a hand-edited link', () => {
    expect(
      filterFromParams(
        convertToParamMap({
          q: 'x'.repeat(201),
          since: 'yesterday',
          where: 'no-equals-sign',
          exclude: 'noise',
        }),
      ),
    ).toEqual({ exclude: 'noise' });
    expect(
      filterFromParams(convertToParamMap({ since: '2026-01-03T00:00:00Z', until: '2026-01-02' })),
    ).toEqual({ since: Date.UTC(2026, 0, 3) });
  });

  it('round-trips exclude and regex through the URL', () => {
    const filter = { q: '^keep-\\d+', exclude: 'noise', regex: true };
    const params = filterToParams(filter);
    expect(params).toMatchObject({ q: '^keep-\\d+', exclude: 'noise', regex: '1' });
    const present = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
    expect(filterFromParams(convertToParamMap(present))).toEqual(filter);
  });

  it('round-trips through the URL', () => {
    const filter = {
      level: 'info' as const,
      services: ['a', 'b'],
      q: 'x',
      since: Date.UTC(2026, 0, 2, 3),
      until: Date.UTC(2026, 0, 2, 4),
      where: ['status=500'],
    };
    const params = filterToParams(filter);
    const present = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
    expect(filterFromParams(convertToParamMap(present))).toEqual(filter);
  });

  it('knows when anything is filtered', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ q: 'x' })).toBe(true);
    expect(isFiltered({ exclude: 'x' })).toBe(true);
    expect(isFiltered({ regex: true })).toBe(false);
  });

  it('treats filters the server treats alike as the same', () => {
    expect(
      sameFilter({ q: 'Boom', services: ['b', 'a'] }, { services: ['a', 'b'], q: 'boom' }),
    ).toBe(true);
    expect(sameFilter({ regex: true }, {})).toBe(true);
    expect(sameFilter({ q: 'a' }, { q: 'a', regex: true })).toBe(false);
  });

  it('reads the field and reason of a refused pattern', () => {
    expect(
      patternRefusal('The server refused the subscription: exclude: pattern can match empty text'),
    ).toEqual({ field: 'exclude', reason: 'pattern can match empty text' });
    expect(patternRefusal('The server refused the subscription: forbidden')).toBeNull();
    expect(patternRefusal(null)).toBeNull();
  });
});

describe('compileFilter', () => {
  it.each([
    [{ level: 'warn' as const }, entry(1, { level: 'error' }), true],
    [{ level: 'warn' as const }, entry(1, { level: 'info' }), false],
    [{ levels: ['debug' as const] }, entry(1, { level: 'info' }), false],
    [{ services: ['api'] }, entry(1, { service: 'api' }), true],
    [{ services: ['api'] }, entry(1, { service: 'web' }), false],
    [{ q: 'TIMEOUT' }, entry(1, { message: 'upstream timeout' }), true],
    [{ q: 'refused' }, entry(1, { message: 'upstream timeout' }), false],
    [{ exclude: 'TIMEOUT' }, entry(1, { message: 'upstream timeout' }), false],
    [{ exclude: 'refused' }, entry(1, { message: 'upstream timeout' }), true],
    [{ q: '^up', regex: true }, entry(1, { message: 'upstream timeout' }), true],
    [{ regex: true, services: ['api'] }, entry(1, { service: 'web' }), false],
    [{ since: Date.UTC(2026, 0, 3) }, entry(1), false],
    [{ until: Date.UTC(2026, 0, 3) }, entry(1), true],
    [{ where: ['status=500'] }, entry(1, { context: { status: 500 } }), true],
    [{ where: ['status=500'] }, entry(1, { context: { status: 404 } }), false],
    [{ where: ['user.id=u-9'] }, entry(1, { context: { user: { id: 'u-9' } } }), true],
    [{ where: ['status=502', 'user.id=u-9'] }, entry(1, { context: { status: 502 } }), false],
  ])('applies %p', (filter, line, expected) => {
    expect(compileFilter(filter).matchesEntry(line)).toBe(expected);
  });

  it('leaves patterns to the server: even one that backtracks forever here passes at once', () => {
    const line = entry(1, { message: `${'a'.repeat(40)}!` });
    expect(compileFilter({ exclude: '(a+)+$', regex: true }).matchesEntry(line)).toBe(true);
  });
});
