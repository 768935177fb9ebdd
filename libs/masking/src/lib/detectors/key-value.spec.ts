import { SensitiveKeys } from '../sensitive-keys';
import type { Detector } from '../detector';
import { keyValueDetector, sensitiveBlockDetector } from './key-value';

const keys = new SensitiveKeys(['member_number']);
const plain = keyValueDetector(keys);
const blocks = sensitiveBlockDetector(keys);

function foundBy(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const found = (text: string): string[] => foundBy(plain, text);

describe('keyValueDetector', () => {
  it.each([
    ['key=value', 'login password=hunter2 user=bob', 'PASSWORD:hunter2'],
    ['JSON', '{"pwd":"s3cr3t","user":"bob"}', 'PASSWORD:s3cr3t'],
    [
      'JSON with spaces and escapes',
      '{"password" : "a \\"quoted\\" pass"}',
      'PASSWORD:a \\"quoted\\" pass',
    ],
    ['JSON inside a JSON string', '"body":"{\\"password\\":\\"hunter2\\"}"', 'PASSWORD:hunter2'],
    ['a query string', 'GET /cb?code=1&access_token=abc123&state=x', 'SECRET:abc123'],
    ['YAML', 'api_key: 8f14e45fceea167a', 'SECRET:8f14e45fceea167a'],
    ['single quotes', "client_secret='s e c r e t'", 'SECRET:s e c r e t'],
    ['a fat arrow', "'password' => 'hunter2',", 'PASSWORD:hunter2'],
    ['Go assignment', 'secret := "abc"', 'SECRET:abc'],
    ['SQL', "UPDATE users SET password = 'hunter2' WHERE id = 7", 'PASSWORD:hunter2'],
    ['XML', '<user><password>hunter2</password></user>', 'PASSWORD:hunter2'],
    ['a CLI flag', 'exec mysql --password hunter2 --host db', 'PASSWORD:hunter2'],
    ['a CLI flag with =', 'exec mysql --password=hunter2', 'PASSWORD:hunter2'],
    ['an env dump', 'DB_PASSWORD=hunter2', 'PASSWORD:hunter2'],
    ['a number', '"pin_token": 123456,', 'SECRET:123456'],
    ['a configured extra key', 'memberNumber=AB123456', 'SECRET:AB123456'],
    ['an unterminated quote', 'password="abc', 'PASSWORD:abc'],
    ['SQL WITH PASSWORD', "CREATE USER app WITH PASSWORD 'hunter2' LOGIN", 'PASSWORD:hunter2'],
    ['SQL IDENTIFIED BY', "ALTER USER 'app'@'%' IDENTIFIED BY 's3cr3t'", 'PASSWORD:s3cr3t'],
    ['an arrow', 'password -> hunter2', 'PASSWORD:hunter2'],
    ['a tab', 'password\thunter2', 'PASSWORD:hunter2'],
    ['a glued short key', 'DB_PASS=rds-M4ster-Pw', 'PASSWORD:rds-M4ster-Pw'],
    ['a camel-case short key', '"smtpPass":"N0tif1er!"', 'PASSWORD:N0tif1er!'],
    ['a blank inside the quoted key', '"password "=trailing', 'PASSWORD:trailing'],
    [
      'YAML on the next line',
      'db:\n  password:\n    Next-Line-Pw\n  user: x',
      'PASSWORD:Next-Line-Pw',
    ],
    [
      'a YAML block scalar',
      'smtp:\n  auth_password: >-\n    Folded\n    Scalar\n  user: x',
      'PASSWORD:Folded\n    Scalar',
    ],
    [
      'a properties line',
      'jdbc.url=x\njdbc.password   whitespace-Sep-Pw\n',
      'PASSWORD:whitespace-Sep-Pw',
    ],
    ['a config line with two blanks', 'password  s3cret', 'PASSWORD:s3cret'],
    ['a phone with groups', 'phone=+1 415 555 0132 locale=en', 'PHONE:+1 415 555 0132'],
    ['a card under its key', 'card=4111-1111-1111-1111', 'CREDIT_CARD:4111-1111-1111-1111'],
    ['a short one-time code', '"otp": 1234,', 'SECRET:1234'],
    ['an SSN', 'ssn=123456789', 'US_SSN:123456789'],
    ['a nested form field', 'user[password]=hunter2&user[name]=bob', 'PASSWORD:hunter2'],
    ['an indented value', 'API_KEY:            HRKU-AAES-jkX', 'SECRET:HRKU-AAES-jkX'],
    ['base64 padding', 'password: S3ViZQ==', 'PASSWORD:S3ViZQ=='],
    ['an ODBC password', 'UID=report\nPWD=Odbc-R3port', 'PASSWORD:Odbc-R3port'],
    [
      'a Kubernetes env pair',
      '- name: DB_PASSWORD\n  value: 0rders-Pw\n- name: X',
      'PASSWORD:0rders-Pw',
    ],
    ['an XML add element', '<add key="ClearTextPassword" value="Feed-Pw9" />', 'PASSWORD:Feed-Pw9'],
    ['a HAR header pair', '{"name":"authorization","value":"Basic abc"}', 'SECRET:Basic abc'],
    [
      'an XML property element',
      '<property name="connection.password">hib3rnate</property>',
      'PASSWORD:hib3rnate',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['empty values', 'password= user=bob'],
    ['null', '{"password":null}'],
    ['booleans', '{"password_set":true}'],
    ['values masked upstream', 'password=*** token=[REDACTED] secret=<hidden>'],
    ['SQL placeholders', 'WHERE password = ? AND token = $1'],
    ['a URL scheme', 'token://example'],
    ['unrelated keys', 'user=bob status=200 max_tokens=256 bypass=true'],
    ['a sensitive word that is not a key', 'password reset requested for user 42'],
    ['an XML tag without a value', '<password/>'],
    ['a quoted word after an unrelated word', "user 'bob' logged in"],
    ['a working directory', 'PWD=/home/app OLDPWD=/var/www'],
    ['public names', 'token_type=bearer tokens_used=12 password_policy=strict'],
    ['a word under a key for personal numbers', 'phone=unknown card=visa'],
    ['a nested YAML mapping', 'credentials:\n  user: bob\n'],
    ['prose opening with a sensitive word', 'Password expired\nToken refreshed'],
    ['a next line that is not deeper', 'password:\nuser: bob'],
    ['a name pair naming a public setting', '- name: LOG_LEVEL\n  value: debug'],
    ['a name field without a sibling value', 'name=password other=1'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));

  it('finds several assignments in one line', () => {
    expect(found('user=a password=b token=c')).toEqual(['PASSWORD:b', 'SECRET:c']);
  });
});

describe('sensitiveBlockDetector', () => {
  it.each([
    [
      'a cookie header to the end of the line',
      'Cookie: session=abc; theme=dark\nnext',
      'SECRET:session=abc; theme=dark',
    ],
    [
      'a JSON object under a sensitive key',
      '"credentials":{"user":"a","pw":"b"},"ok":1',
      'SECRET:{"user":"a","pw":"b"}',
    ],
    ['an array under a sensitive key', 'credentials=["a","b"] next=1', 'SECRET:["a","b"]'],
    ['an unbalanced block, to the end', 'secret={"a":[1,2', 'SECRET:{"a":[1,2'],
    [
      'a cookie header as a JSON array',
      '"headers":{"Cookie":["caddy_session=MoAVdGIa0-Km0h"]}},"bytes_read":0',
      'SECRET:["caddy_session=MoAVdGIa0-Km0h"]',
    ],
    [
      'a tuple under a sensitive key',
      'auth=(ACf692, bSRJ8YzM8nvcc3b) ok',
      'SECRET:(ACf692, bSRJ8YzM8nvcc3b)',
    ],
  ])('masks %s', (_name, text, expected) => expect(foundBy(blocks, text)).toEqual([expected]));

  it('masks a function call under a sensitive key with its arguments', () => {
    expect(found("WHERE password=SHA2('letmein99', 256) LIMIT 1")).toEqual([
      "PASSWORD:SHA2('letmein99', 256)",
    ]);
  });

  it('masks a value that only opens with a bracket whole', () => {
    expect(foundBy(blocks, 'userPassword: {CLEARTEXT}Summer#2024')).toEqual([
      'PASSWORD:{CLEARTEXT}Summer#2024',
    ]);
  });

  it('leaves plain values to the key/value detector, and blocks to itself', () => {
    const text = 'password=x credentials={"a":1}';
    expect(foundBy(blocks, text)).toEqual(['SECRET:{"a":1}']);
    expect(foundBy(plain, text)).toEqual(['PASSWORD:x']);
  });
});
