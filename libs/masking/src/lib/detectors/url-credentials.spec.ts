import { urlCredentialsDetector } from './url-credentials';

function found(text: string): string[] {
  const spans: string[] = [];
  urlCredentialsDetector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

describe('urlCredentialsDetector', () => {
  it.each([
    ['a database URL', 'postgres://app:s3cr3t@db.example.com:5432/shop', 's3cr3t'],
    ['a Redis URL without a user', 'redis://:hunter2@cache.example.com:6379', 'hunter2'],
    ['a password containing a colon', 'amqp://svc:a:b:c@mq.example.com', 'a:b:c'],
    ['a password containing @ and #', 'postgresql://app:P@ss#1@db.example.com:5432/shop', 'P@ss#1'],
  ])('masks the password in %s', (_name, text, expected) =>
    expect(found(text)).toEqual([expected]),
  );

  it.each([
    ['a URL without credentials', 'https://example.com/a@b'],
    ['a user without a password', 'ssh://git@example.com/repo.git'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
