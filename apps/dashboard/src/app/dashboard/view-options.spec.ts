import { convertToParamMap } from '@angular/router';
import { parseStoredView, viewFromParams, viewToParams } from './view-options';

describe('viewFromParams', () => {
  it('takes wrap and time zone from the link first', () => {
    const params = convertToParamMap({ wrap: '1', tz: 'utc' });
    expect(viewFromParams(params, { wrap: false, zone: 'local' })).toEqual({
      wrap: true,
      zone: 'utc',
    });
  });

  it('falls back to the choices stored in this browser, then to unwrapped local time', () => {
    expect(viewFromParams(convertToParamMap({}), { wrap: true })).toEqual({
      wrap: true,
      zone: 'local',
    });
    expect(viewFromParams(convertToParamMap({ wrap: 'yes', tz: 'mars' }), {})).toEqual({
      wrap: false,
      zone: 'local',
    });
  });

  it('round-trips through the URL', () => {
    const view = { wrap: false, zone: 'utc' as const };
    const params = convertToParamMap(viewToParams(view));
    expect(viewFromParams(params, { wrap: true, zone: 'local' })).toEqual(view);
  });
});

describe('parseStoredView', () => {
  it('keeps only well-formed choices', () => {
    expect(parseStoredView('{"wrap":true,"zone":"utc"}')).toEqual({ wrap: true, zone: 'utc' });
    expect(parseStoredView('{"wrap":"yes","zone":"mars"}')).toEqual({});
    expect(parseStoredView('not json')).toEqual({});
    expect(parseStoredView(null)).toEqual({});
  });
});
