import { SensitiveKeys } from '../sensitive-keys';
import { redisFieldDetector } from './redis-fields';

const detector = redisFieldDetector(new SensitiveKeys());

function found(text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

describe('redis field detector', () => {
  it.each([
    [
      'hash fields that are sensitive keys',
      '1714637320.120553 [0 10.0.3.17:51233] "HSET" "user:4411" "name" "Kim" "otp" "731942"',
      ['SECRET:731942'],
    ],
    [
      'every sensitive field of an HMSET',
      '"HMSET" "acct:9" "api_key" "k-81ab" "plan" "pro" "password" "pw-9"',
      ['SECRET:k-81ab', 'PASSWORD:pw-9'],
    ],
    [
      'a value under a key named by its purpose, after the expiry',
      '"SETEX" "pwreset:jane@example.com" "900" "8c36409f3b5c"',
      ['SECRET:8c36409f3b5c'],
    ],
    ['a value under a token key', '"SET" "auth_token:77" "eyAbc123"', ['SECRET:eyAbc123']],
    [
      'a command typed after a redis-cli prompt',
      '127.0.0.1:6379> HSET user:1 pin 4471',
      ['CARD_SECURITY:4471'],
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual(expected));

  it.each([
    ['ordinary hash fields', '"HSET" "user:4411" "name" "Kim" "plan" "pro"'],
    ['a cache key', '"SETEX" "cache:page:/home" "60" "<html>"'],
    ['SQL SET, which is no Redis command', 'UPDATE users SET password = $1 WHERE id = 2'],
    ['a bare SET in prose', 'SET otp 123456 was rejected'],
    ['a field whose value is already masked', '"HSET" "u:1" "password" "[REDACTED]"'],
  ])('leaves %s', (_name, text) => expect(found(text)).toEqual([]));
});
