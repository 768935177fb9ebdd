import { KEY_FAMILIES } from './sensitive-key-families';
import {
  isSensitiveKey,
  KEY_SYMBOL_OF,
  KEY_SYMBOLS,
  normalizeKey,
  SensitiveKeys,
} from './sensitive-keys';

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

  describe('walkTable', () => {
    const SYMBOL_CELLS = KEY_SYMBOLS;
    /** The walk the table stands for, as the WebAssembly loop reads it: 1 a name, 0 gives up. */
    const walkTo = (table: Uint16Array, key: string): number => {
      let row = 0;
      for (let i = key.length - 1; i >= 0; i--) {
        const cell = table[row * SYMBOL_CELLS + (KEY_SYMBOL_OF[key.charCodeAt(i)] as number)];
        if (cell === undefined || cell <= 1) return cell ?? 0;
        row = cell - 2;
      }
      return 0;
    };
    const names = [...KEY_FAMILIES.flatMap((family) => family.names), 'x-foo', 'ab'];
    const spellings = names.flatMap((name) => [
      name,
      name.toUpperCase(),
      `db_${name}`,
      `${name.slice(0, -1)}_${name.slice(-1)}`,
      `${name.slice(0, -2)}.${name.slice(-2)}`,
    ]);

    it('walks every built-in and extra name, in any spelling, to a name', () => {
      const table = new SensitiveKeys(['x-foo', 'ab']).walkTable(1000);
      expect(spellings.filter((key) => walkTo(table, key) !== 1)).toEqual([]);
    });

    it('cuts the rows it has no room for to a question, never to a miss', () => {
      const table = new SensitiveKeys(['x-foo', 'ab']).walkTable(5);
      expect(table.length).toBe(5 * SYMBOL_CELLS);
      expect(spellings.filter((key) => walkTo(table, key) !== 1)).toEqual([]);
    });

    it.each(['tls', 'status', 'traceId', 'level', 'bytes', 'shard', '12', 'a b', 'pаss'])(
      'gives up on %p',
      (key) => {
        expect(walkTo(new SensitiveKeys().walkTable(1000), key)).toBe(0);
      },
    );

    it('reaches a name wherever matchEndingAt finds a key (seeded identifiers)', () => {
      const keys = new SensitiveKeys(['x-foo']);
      const table = keys.walkTable(1000);
      let state = 7;
      const random = (n: number): number => {
        state = (state * 1103515245 + 12345) & 0x7fffffff;
        return state % n;
      };
      const pieces = [...names, 'db', 'my', 'new', 'user', 'is', 'less', 'x', '_', '-', '.', '2'];
      let found = 0;
      for (let n = 0; n < 20000; n++) {
        let key = '';
        for (let parts = 1 + random(3); parts > 0; parts--) {
          const piece = pieces[random(pieces.length)] as string;
          key += random(4) === 0 ? piece.toUpperCase() : piece;
        }
        if (keys.matchEndingAt(key, key.length) === undefined) continue;
        found++;
        expect([key, walkTo(table, key)]).toEqual([key, 1]);
      }
      expect(found).toBeGreaterThan(5000);
    });

    it('is built once per row limit', () => {
      const keys = new SensitiveKeys();
      expect(keys.walkTable(100)).toBe(keys.walkTable(100));
    });
  });
});
