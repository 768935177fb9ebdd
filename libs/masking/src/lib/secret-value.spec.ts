import { canHoldSecret, isProseAfter, isShellDirectory } from './secret-value';

describe('canHoldSecret', () => {
  it.each(['hunter2', 'S3cret!', 'Tr0ub4dor&3', 'a', '$ecret', 'enc-value', '/VP0Tr0P+gYx'])(
    'accepts the credential %p',
    (value) => expect(canHoldSecret(value, false)).toBe(true),
  );

  it.each([
    '',
    'null',
    'no',
    'YES',
    '***',
    '****4242',
    'Bearer ****',
    '[REDACTED]',
    '<set via sealed secret>',
    '?',
    '$1',
    '%s',
    '%(password)s',
    '${DB_PASSWORD}',
    '${REDIS_PASSWORD:?must',
    '$(cat',
    '{{ vault_db_password }}',
    '$DB_PASSWORD',
    'ENC(AbC123==)',
    '!vault',
    './token.txt',
    '~/secrets/token',
    'via',
    'used;',
  ])('rejects the placeholder, reference or prose word %p', (value) =>
    expect(canHoldSecret(value, false)).toBe(false),
  );

  it('asks values under keys for personal numbers to hold a digit', () => {
    expect(canHoldSecret('+1 415 555 0132', true)).toBe(true);
    expect(canHoldSecret('unknown', true)).toBe(false);
  });
});

describe('isProseAfter', () => {
  it.each([
    ['passwd: password updated successfully', true],
    ['passwd: Authentication token manipulation error', true],
    ['password: hunter2 user=bob', false],
    ['password: Hunter user=bob', false],
    ['password: secretword', false],
  ])('tells a message from a value in %p', (line, prose) => {
    const start = line.indexOf(': ') + 2;
    const end = line.indexOf(' ', start) === -1 ? line.length : line.indexOf(' ', start);
    expect(isProseAfter(line, start, end)).toBe(prose);
  });
});

describe('isShellDirectory', () => {
  it.each([
    ['PWD', '/home/app', true],
    ['OLDPWD', '/var/www/releases/20240502', true],
    ['PWD', '~', true],
    ['PWD', 'C:\\Users\\app', true],
    ['PWD', 'Odbc-R3port', false],
    ['pwd', '/home/app', false],
    ['DB_PWD', '/x', false],
  ])('%s=%s is a working directory: %p', (key, value, expected) => {
    expect(isShellDirectory(key, value)).toBe(expected);
  });
});
