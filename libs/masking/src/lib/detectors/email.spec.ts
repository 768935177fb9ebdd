import { emailDetector } from './email';

function found(text: string): string[] {
  const spans: string[] = [];
  emailDetector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

describe('emailDetector', () => {
  it.each([
    ['a plain address', 'login ok user=jane.doe@example.com', 'jane.doe@example.com'],
    ['plus addressing', 'to <ops+alerts@example.org>', 'ops+alerts@example.org'],
    ['an uppercase address', 'FROM: JANE.DOE@EXAMPLE.COM', 'JANE.DOE@EXAMPLE.COM'],
    ['a subdomain', 'a@mail.eu.example.co.uk.', 'a@mail.eu.example.co.uk'],
    ['an address in JSON', '{"email":"max@example.de"}', 'max@example.de'],
    ['an IDN address', 'kontakt: jürgen@müller.example', 'jürgen@müller.example'],
    ['a non-Latin address', '用户@例子.广告 registered', '用户@例子.广告'],
    ['a punycode domain', 'x@xn--mller-kva.xn--p1ai', 'x@xn--mller-kva.xn--p1ai'],
    ['an address followed by a port', 'smtp: bob@example.com:587', 'bob@example.com'],
    [
      'a percent-encoded address in a query',
      'GET /users?email=jane.doe%40example.com&x=1',
      'jane.doe%40example.com',
    ],
    [
      'a quoted local part with a space',
      'recipient "jane doe"@example.org accepted',
      '"jane doe"@example.org',
    ],
    [
      'a quoted local part with two dots',
      'sending to "john..doe"@example.com via',
      '"john..doe"@example.com',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['an ssh prompt', 'root@web-01:~$ systemctl restart nginx'],
    ['a systemd unit', 'Started user@1000.service - User Manager for UID 1000'],
    ['a package version', 'installed pkg@1.2.3 and @angular/core@21.2.0'],
    ['a retina asset', 'GET /img/logo@2x.png 200'],
    ['a host without a dot', 'connecting to admin@localhost'],
    ['a decorator', '@Injectable() export class LogService'],
    ['a mention', 'cc @jane please review'],
    ['a quoted value before an at sign', 'key="value"@example.com'],
    ['an empty quoted string', 'x ""@example.com'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));

  it('never splits a surrogate pair at the edge of the local part', () => {
    const text = '😀bob@example.com';
    expect(found(text)).toEqual(['bob@example.com']);
  });

  it('accepts astral letters inside the local part', () => {
    expect(found('𝒜lice@example.com')).toEqual(['𝒜lice@example.com']);
  });
});
