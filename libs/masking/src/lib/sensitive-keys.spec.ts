import { isSensitiveKey, normalizeKey, SensitiveKeys } from './sensitive-keys';

describe('sensitive keys', () => {
  it.each([
    'password',
    'Password',
    'PASSWORD',
    'db_password',
    'DB-PASSWORD',
    'newPassword',
    'passwd',
    'pwd',
    'pass',
    'secret',
    'client_secret',
    'token',
    'access_token',
    'X-Auth-Token',
    'authorization',
    'Proxy-Authorization',
    'cookie',
    'Set-Cookie',
    'api_key',
    'apiKey',
    'X-API-KEY',
    'private_key',
    'aws_secret_access_key',
    'credentials',
    'JSESSIONID',
    'spring.datasource.password',
  ])('treats %s as sensitive', (key) => expect(isSensitiveKey(key)).toBe(true));

  it.each([
    'user',
    'email',
    'bypass',
    'max_tokens',
    'token_count',
    'passwordless_login_enabled',
    'keys',
    'cache_key',
    'author',
    'status',
    '',
  ])('leaves %p alone', (key) => expect(isSensitiveKey(key)).toBe(false));

  it('accepts extra keys, matched the same case- and separator-insensitive way', () => {
    expect(isSensitiveKey('national_id', ['nationalId'])).toBe(true);
    expect(isSensitiveKey('National-ID', ['national_id'])).toBe(true);
    expect(isSensitiveKey('national_id')).toBe(false);
  });

  it('types password-like keys as PASSWORD and the rest as SECRET', () => {
    const keys = new SensitiveKeys(['ssn']);
    expect(keys.typeOf('user_password')).toBe('PASSWORD');
    expect(keys.typeOf('pwd')).toBe('PASSWORD');
    expect(keys.typeOf('refresh_token')).toBe('SECRET');
    expect(keys.typeOf('SSN')).toBe('SECRET');
  });

  it('finds a key ending just before a position in running text', () => {
    const keys = new SensitiveKeys();
    const text = 'user=bob db_password=x';
    expect(keys.matchEndingAt(text, text.indexOf('=x'))).toEqual({
      type: 'PASSWORD',
      keyStart: text.indexOf('db_password'),
    });
    expect(keys.matchEndingAt(text, text.indexOf('=bob'))).toBeUndefined();
  });

  it('normalizes plain identifiers and keys with other characters the same way', () => {
    expect(normalizeKey('ClientSecret')).toBe('clientsecret');
    expect(normalizeKey('client secret!')).toBe('clientsecret');
    expect(normalizeKey('')).toBe('');
    expect(new SensitiveKeys().typeOf('dbPassword')).toBe('PASSWORD');
    expect(new SensitiveKeys().typeOf('requestId')).toBeUndefined();
  });

  it('types a plain identifier exactly as its normalised form', () => {
    const keys = new SensitiveKeys();
    const identifiers = [
      'PASS',
      'xPass',
      'Pw',
      'SID',
      'userSid',
      'ApiKey',
      'requestId',
      `${'x'.repeat(70)}Password`,
      `Password${'x'.repeat(70)}`,
      `${'Token'.repeat(20)}`,
    ];
    for (const key of identifiers) {
      const normalized = normalizeKey(key);
      expect({ key, type: keys.typeOf(key) }).toEqual({
        key,
        type: keys.matchEndingAt(normalized, normalized.length)?.type,
      });
    }
  });

  it('normalizes keys by dropping case, underscores, dashes and dots', () => {
    expect(normalizeKey('X-Api_Key.v2')).toBe('xapikeyv2');
  });
});
