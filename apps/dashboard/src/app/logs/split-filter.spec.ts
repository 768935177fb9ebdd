import { convertToParamMap } from '@angular/router';
import type { LogFilter } from '@redtail/contracts';
import { splitFromParams, splitToParam } from './split-filter';

describe('split view in the URL', () => {
  it('has no split view without the parameter, and an unfiltered one with it empty', () => {
    expect(splitFromParams(convertToParamMap({}))).toBeNull();
    expect(splitFromParams(convertToParamMap({ split: '' }))).toEqual({});
    expect(splitToParam({})).toBe('');
    expect(splitToParam(null)).toBeNull();
  });

  it('round-trips a filter with lists, text and repeated conditions', () => {
    const filter: LogFilter = {
      level: 'warn',
      services: ['billing', 'auth'],
      q: 'card & 3-D secure',
      where: ['status=500', 'user.id=7'],
    };
    const param = splitToParam(filter);
    expect(param).toBe(
      'level=warn&services=billing%2Cauth&q=card+%26+3-D+secure&where=status%3D500&where=user.id%3D7',
    );
    expect(splitFromParams(convertToParamMap({ split: param }))).toEqual(filter);
  });

  it('leaves out what the shared parser refuses', () => {
    expect(splitFromParams(convertToParamMap({ split: 'level=loud&services=api' }))).toEqual({
      services: ['api'],
    });
  });
});
