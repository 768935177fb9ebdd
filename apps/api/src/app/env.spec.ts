import { ConfigurationError } from './configuration-error';
import { InvalidEnvironmentError, validateEnv } from './env';

function problemsOf(raw: Record<string, string>): string[] {
  try {
    validateEnv(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as InvalidEnvironmentError).problems;
  }
  throw new Error('expected the environment to be refused');
}

describe('validateEnv', () => {
  it('uses loopback and port 3000 by default', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.LOG_FORMAT).toBe('text');
  });

  it('converts numeric strings and treats empty values as unset', () => {
    expect(validateEnv({ PORT: '8080', HOST: '' })).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
    });
  });

  it.each([
    ['PORT', 'abc', 'PORT="abc": must be an integer from 1 to 65535'],
    ['PORT', '70000', 'PORT="70000": must be an integer from 1 to 65535'],
    ['PORT', '0', 'PORT="0": must be an integer from 1 to 65535'],
    ['PORT', '80.5', 'PORT="80.5": must be an integer from 1 to 65535'],
    ['PORT', '8e3', 'PORT="8e3": must be an integer from 1 to 65535'],
    ['HOST', 'not a host!', 'HOST="not a host!": must be a hostname or an IP address'],
    ['REDTAIL_RATE_LIMIT', '0', 'REDTAIL_RATE_LIMIT="0": must be an integer of at least 1'],
    ['REDTAIL_AUTH', 'disabled', 'REDTAIL_AUTH="disabled": must be on or off'],
    ['LOG_FORMAT', 'xml', 'LOG_FORMAT="xml": must be text or json'],
    ['REDTAIL_MASK_MODE', 'hide', 'REDTAIL_MASK_MODE="hide": must be redact, partial or pseudonym'],
    [
      'REDTAIL_METRICS_PUBLIC',
      'yes',
      'REDTAIL_METRICS_PUBLIC="yes": must be true or false (or 1 or 0)',
    ],
    [
      'LOG_MAX_BYTES',
      '256MB',
      'LOG_MAX_BYTES="256MB": must be a size from 64KiB to 2047MiB, such as 256MiB, 64KiB or a number of bytes',
    ],
    [
      'LOG_MAX_BYTES',
      '4GiB',
      'LOG_MAX_BYTES="4GiB": must be a size from 64KiB to 2047MiB, such as 256MiB, 64KiB or a number of bytes',
    ],
    [
      'LOG_CLIENT_QUEUE_BYTES',
      '1KiB',
      'LOG_CLIENT_QUEUE_BYTES="1KiB": must be a size of at least 64KiB, such as 256MiB, 64KiB or a number of bytes',
    ],
    [
      'LOG_MAX_BODY',
      '10',
      'LOG_MAX_BODY="10": must be a size from 1KiB to 64MiB, such as 256MiB, 64KiB or a number of bytes',
    ],
  ])('refuses %s=%s in one line that says what is expected', (key, value, problem) => {
    expect(problemsOf({ [key]: value })).toEqual([problem]);
  });

  it('reports every bad variable, one line each', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_MAX_BYTES: '256MB', REDTAIL_AUTH: 'no' });
    expect(problems).toHaveLength(3);
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('never echoes REDIS_URL, which may hold a password', () => {
    const [problem] = problemsOf({ REDIS_URL: 'http://user:hunter2@example.com' });
    expect(problem).toBe('REDIS_URL (value not shown): must look like redis://host:6379');
  });

  it('shortens a long value so the line stays readable', () => {
    const [problem] = problemsOf({ HOST: `${'x'.repeat(200)} ` });
    expect(problem.length).toBeLessThan(140);
    expect(problem).toContain('…');
  });

  it.each([
    ['256MiB', 256 * 1024 ** 2],
    ['1GiB', 1024 ** 3],
    ['64KiB', 64 * 1024],
    ['1048576', 1048576],
  ])('accepts LOG_MAX_BYTES=%s', (value, bytes) => {
    expect(validateEnv({ LOG_MAX_BYTES: value }).LOG_MAX_BYTES).toBe(bytes);
  });

  it.each([
    ['LOG_MAX_BODY', '4MiB', 4 * 1024 ** 2],
    ['LOG_MAX_MESSAGE', '16KiB', 16 * 1024],
    ['LOG_MAX_CONTEXT', '128KiB', 128 * 1024],
    ['LOG_MAX_CONTEXT_VALUE', '4KiB', 4 * 1024],
    ['LOG_CLIENT_QUEUE_BYTES', '32MiB', 32 * 1024 ** 2],
    ['LOG_CLIENT_WRITE_BUFFER_BYTES', '8MiB', 8 * 1024 ** 2],
  ])('accepts units for %s=%s', (key, value, bytes) => {
    expect(validateEnv({ [key]: value })).toMatchObject({ [key]: bytes });
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
