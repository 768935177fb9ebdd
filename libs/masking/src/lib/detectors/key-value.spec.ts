import { SensitiveKeys } from '../sensitive-keys';
import type { Detector } from '../detector';
import { keyValueDetector, sensitiveBlockDetector } from './key-value';

const keys = new SensitiveKeys(['national_id']);
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
    ['a configured extra key', 'nationalId=AB123456', 'SECRET:AB123456'],
    ['an unterminated quote', 'password="abc', 'PASSWORD:abc'],
    ['SQL WITH PASSWORD', "CREATE USER app WITH PASSWORD 'hunter2' LOGIN", 'PASSWORD:hunter2'],
    ['SQL IDENTIFIED BY', "ALTER USER 'app'@'%' IDENTIFIED BY 's3cr3t'", 'PASSWORD:s3cr3t'],
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
  ])('masks %s', (_name, text, expected) => expect(foundBy(blocks, text)).toEqual([expected]));

  it('leaves plain values to the key/value detector, and blocks to itself', () => {
    const text = 'password=x credentials={"a":1}';
    expect(foundBy(blocks, text)).toEqual(['SECRET:{"a":1}']);
    expect(foundBy(plain, text)).toEqual(['PASSWORD:x']);
  });
});
