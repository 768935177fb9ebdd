import { KEY_FAMILIES } from './sensitive-key-families';
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
    expect(isSensitiveKey('member_number', ['memberNumber'])).toBe(true);
    expect(isSensitiveKey('Member-Number', ['member_number'])).toBe(true);
    expect(isSensitiveKey('member_number')).toBe(false);
    expect(new SensitiveKeys(['memberNumber']).typeOf('member_number')).toBe('SECRET');
  });

  it.each([
    ['user_password', 'PASSWORD'],
    ['pwd', 'PASSWORD'],
    ['DB_PASS', 'PASSWORD'],
    ['SMTP_PASS', 'PASSWORD'],
    ['smtpPass', 'PASSWORD'],
    ['db_pass', 'PASSWORD'],
    ['requirepass', 'PASSWORD'],
    ['RABBITMQ_DEFAULT_PASS', 'PASSWORD'],
    ['LDAP_BIND_PW', 'PASSWORD'],
    ['rootpw', 'PASSWORD'],
    ['userPassword', 'PASSWORD'],
    ['refresh_token', 'SECRET'],
    ['_authToken', 'SECRET'],
    ['x-api-key', 'SECRET'],
    ['otp', 'SECRET'],
    ['otp_secret', 'SECRET'],
    ['ldap_default_authtok', 'SECRET'],
    ['phone', 'PHONE'],
    ['contact_phone', 'PHONE'],
    ['shopperTelephone', 'PHONE'],
    ['telephoneNumber', 'PHONE'],
    ['phone_number', 'PHONE'],
    ['msisdn', 'PHONE'],
    ['MSISDN', 'PHONE'],
    ['mobile', 'PHONE'],
    ['tel', 'PHONE'],
    ['card', 'CREDIT_CARD'],
    ['cardNumber', 'CREDIT_CARD'],
    ['pan', 'CREDIT_CARD'],
    ['iban', 'IBAN'],
    ['direct_deposit_iban', 'IBAN'],
    ['ssn', 'US_SSN'],
    ['SSN', 'US_SSN'],
  ])('types %s as %s', (key, type) => expect(new SensitiveKeys().typeOf(key)).toBe(type));

  it.each([
    'cvv',
    'CVV2',
    'cvc',
    'cardCode',
    'cvn',
    'card_verification_value',
    'pin',
    'card_pin',
    'userPin',
    'tax_id',
    'national_id',
    'nin',
  ])('types %s by its preferred type when the masker knows it, SECRET before', (key) => {
    const known = new Set(['CARD_SECURITY', 'NATIONAL_ID', 'SECRET']);
    expect(['CARD_SECURITY', 'NATIONAL_ID']).toContain(new SensitiveKeys([], known).typeOf(key));
    expect(new SensitiveKeys([], new Set(['SECRET'])).typeOf(key)).toBe('SECRET');
  });

  it.each([
    'HOME',
    'PATH',
    'bypass',
    'db_bypass',
    'compass',
    'spin',
    'hotel',
    'microphone',
    'japan',
    'token_type',
    'tokens_used',
    'max_tokens',
    'token_count',
    'password_changed_at',
    'password_policy',
    'PASSWORD_MIN_LENGTH',
    'RABBITMQ_DEFAULT_PASS_FILE',
    'phone_verified',
    'card_type',
  ])('does not treat the public name %s as a secret', (key) =>
    expect(new SensitiveKeys().typeOf(key)).toBeUndefined(),
  );

  it('marks the families of personal numbers, whose values must hold a digit', () => {
    const keys = new SensitiveKeys();
    expect(keys.match('phone')?.digitsOnly).toBe(true);
    expect(keys.match('password')?.digitsOnly).toBe(false);
  });

  it('finds a key ending just before a position in running text', () => {
    const keys = new SensitiveKeys();
    const text = 'user=bob db_password=x';
    expect(keys.matchEndingAt(text, text.indexOf('=x'))).toEqual({
      type: 'PASSWORD',
      keyStart: text.indexOf('db_password'),
      digitsOnly: false,
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

  it('finds every built-in name through the two-character ending table, in any spelling', () => {
    const keys = new SensitiveKeys();
    const spellings = (name: string, whole: boolean): string[] => [
      name,
      name.toUpperCase(),
      `"${name}"`,
      ...(whole ? [] : [`db_${name}`, `DB-${name.toUpperCase()}`, `app.${name}`]),
    ];
    const all = KEY_FAMILIES.flatMap((family) =>
      family.names.flatMap((name) => spellings(name, family.boundary === 'whole')),
    );
    const missed = all.filter((spelling) => {
      const text = `${spelling}=`;
      const end = spelling.startsWith('"') ? text.length - 2 : text.length - 1;
      return keys.matchEndingAt(text, end) === undefined;
    });
    expect(missed).toEqual([]);
  });

  it('lets every built-in and extra name, in any spelling, past the three-character ending table', () => {
    const keys = new SensitiveKeys(['x-foo', 'ab']);
    const names = [...KEY_FAMILIES.flatMap((family) => family.names), 'x-foo', 'ab'];
    const spellings = names.flatMap((name) => [
      name,
      name.toUpperCase(),
      `db_${name}`,
      `${name.slice(0, -1)}_${name.slice(-1)}`,
      `${name.slice(0, -2)}.${name.slice(-2)}`,
    ]);
    const code = (text: string, i: number): number => (i >= 0 ? text.charCodeAt(i) : 32);
    const blocked = spellings.filter((key) => {
      const end = key.length;
      return !keys.mayEndWithTriple(code(key, end - 1), code(key, end - 2), code(key, end - 3));
    });
    expect(blocked).toEqual([]);
  });

  it.each(['tls', 'status', 'traceId', 'level', 'bytes', '12:34', 'a b'])(
    'settles %p with the three-character ending table',
    (key) => {
      const end = key.length;
      expect(
        new SensitiveKeys().mayEndWithTriple(
          key.charCodeAt(end - 1),
          key.charCodeAt(end - 2),
          key.charCodeAt(end - 3),
        ),
      ).toBe(false);
    },
  );
});
