import { InvalidEnvironmentError, validateEnv } from './env';

describe('validateEnv', () => {
  it('uses loopback and port 3000 by default', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe('127.0.0.1');
  });

  it('converts numeric strings and treats empty values as unset', () => {
    expect(validateEnv({ PORT: '8080', HOST: '' })).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
    });
  });

  it.each([
    ['PORT', 'abc', 'PORT'],
    ['PORT', '70000', 'PORT'],
    ['HOST', 'not a host!', 'HOST'],
  ])('rejects %s=%s with a message naming the variable', (key, value, named) => {
    expect(() => validateEnv({ [key]: value })).toThrow(InvalidEnvironmentError);
    expect(() => validateEnv({ [key]: value })).toThrow(new RegExp(`${named}="${value}"`));
  });

  it.each([
    ['/redtail', '/redtail'],
    ['/redtail/', '/redtail'],
    ['redtail', '/redtail'],
    ['/tools/logs', '/tools/logs'],
    ['/', ''],
    ['', ''],
  ])('reads REDTAIL_BASE_PATH=%p as %p', (value, expected) => {
    expect(validateEnv({ REDTAIL_BASE_PATH: value }).REDTAIL_BASE_PATH).toBe(expected);
  });

  it.each(['/a b', '/../etc', '/a//b', '/x?y', '/<script>', '/.'])(
    'rejects REDTAIL_BASE_PATH=%p with a message naming the variable',
    (value) => {
      expect(() => validateEnv({ REDTAIL_BASE_PATH: value })).toThrow(/REDTAIL_BASE_PATH/);
    },
  );
});
