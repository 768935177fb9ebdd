import { InvalidEnvironmentError, validateEnv } from '../app/env';

describe('access-control settings', () => {
  it('defaults to auth on, metrics guarded and same-origin only', () => {
    expect(validateEnv({})).toMatchObject({
      REDTAIL_AUTH: 'on',
      REDTAIL_METRICS_PUBLIC: false,
      REDTAIL_CORS_ORIGINS: undefined,
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads REDTAIL_METRICS_PUBLIC=%s as %s', (raw, expected) => {
    expect(validateEnv({ REDTAIL_METRICS_PUBLIC: raw }).REDTAIL_METRICS_PUBLIC).toBe(expected);
  });

  it.each([
    ['REDTAIL_AUTH', 'disabled'],
    ['REDTAIL_METRICS_PUBLIC', 'yes'],
    ['REDTAIL_CORS_ORIGINS', 'ops.example.com'],
    ['REDTAIL_CORS_ORIGINS', 'https://ops.example.com/path'],
    ['REDTAIL_RATE_LIMIT', '0'],
    ['REDTAIL_SOCKETS_PER_KEY', 'many'],
    ['REDTAIL_TRUST_PROXY', 'true'],
    ['REDTAIL_TRUST_PROXY', '10.0.0.300'],
    ['REDTAIL_ALLOWED_HOSTS', 'https://logs.example.com'],
    ['REDTAIL_ALLOWED_HOSTS', 'logs.example.com,a b'],
  ])('refuses %s=%s naming the variable', (key, value) => {
    expect(() => validateEnv({ [key]: value })).toThrow(InvalidEnvironmentError);
    expect(() => validateEnv({ [key]: value })).toThrow(new RegExp(`${key}="${value}"`));
  });

  it('accepts a comma-separated origin list', () => {
    const env = validateEnv({ REDTAIL_CORS_ORIGINS: 'https://a.example, http://b.example:8080' });
    expect(env.REDTAIL_CORS_ORIGINS).toBe('https://a.example, http://b.example:8080');
  });

  it('accepts a trusted proxy as a hop count or as addresses and subnets', () => {
    expect(validateEnv({ REDTAIL_TRUST_PROXY: '1' }).REDTAIL_TRUST_PROXY).toBe('1');
    expect(validateEnv({ REDTAIL_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).REDTAIL_TRUST_PROXY).toBe(
      'loopback, 10.0.0.0/8',
    );
  });
});
