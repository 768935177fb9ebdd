import { convertToParamMap } from '@angular/router';
import { entry } from '../../testing/fake-log-socket';
import {
  filterFromParams,
  filterToParams,
  isFiltered,
  matchesFilter,
  patternRefusal,
  textQuery,
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
      q: null,
      exclude: null,
      regex: null,
      where: null,
    });
  });

  it('carries field conditions as repeated where parameters, dropping malformed ones', () => {
    const params = convertToParamMap({ where: ['status=502', 'note=a,b', 'no-equals', '=x'] });
    const filter = filterFromParams(params);
    expect(filter).toEqual({ where: ['status=502', 'note=a,b'] });
    expect(filterToParams(filter)['where']).toEqual(['status=502', 'note=a,b']);
  });

  it('asks GET /logs for field conditions as well as text', () => {
    expect(textQuery({ q: 'a', where: ['status=502'] })).toEqual({ q: 'a', where: ['status=502'] });
  });

  it('keeps lines whose fields do not match out of the tail, as the server does', () => {
    const filter = { where: ['status=502', 'user.id=u-9'] };
    const line = (context: Record<string, unknown>) => entry(1, { context });
    expect(matchesFilter(line({ status: 502, user: { id: 'u-9' } }), filter)).toBe(true);
    expect(matchesFilter(line({ status: 500, user: { id: 'u-9' } }), filter)).toBe(false);
    expect(matchesFilter(line({ status: 502 }), filter)).toBe(false);
  });

  it('reads exclude and regex=1, and ignores other regex values', () => {
    expect(filterFromParams(convertToParamMap({ exclude: ' health ', regex: '1' }))).toEqual({
      exclude: 'health',
      regex: true,
    });
    expect(filterFromParams(convertToParamMap({ q: 'a', regex: 'true' }))).toEqual({ q: 'a' });
  });

  it('round-trips exclude and regex through the URL', () => {
    const filter = { q: '^keep-\\d+', exclude: 'noise', regex: true };
    const params = filterToParams(filter);
    expect(params).toMatchObject({ q: '^keep-\\d+', exclude: 'noise', regex: '1' });
    const present = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
    expect(filterFromParams(convertToParamMap(present))).toEqual(filter);
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
    expect(isFiltered({ exclude: 'x' })).toBe(true);
    expect(isFiltered({ regex: true })).toBe(false);
  });

  it('sends q, exclude and regex=1 to GET /logs, regex only with a pattern', () => {
    expect(textQuery({ q: 'a', exclude: 'b', regex: true })).toEqual({
      q: 'a',
      exclude: 'b',
      regex: '1',
    });
    expect(textQuery({ regex: true })).toEqual({});
  });

  it('reads the field and reason of a refused pattern', () => {
    expect(
      patternRefusal('The server refused the subscription: exclude: pattern can match empty text'),
    ).toEqual({ field: 'exclude', reason: 'pattern can match empty text' });
    expect(patternRefusal('The server refused the subscription: forbidden')).toBeNull();
    expect(patternRefusal(null)).toBeNull();
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
    [{ exclude: 'TIMEOUT' }, entry(1, { message: 'upstream timeout' }), false],
    [{ exclude: 'refused' }, entry(1, { message: 'upstream timeout' }), true],
    [{ q: '^up', regex: true }, entry(1, { message: 'upstream timeout' }), true],
    [{ regex: true, services: ['api'] }, entry(1, { service: 'web' }), false],
  ])('applies %p', (filter, line, expected) => {
    expect(matchesFilter(line, filter)).toBe(expected);
  });
});
