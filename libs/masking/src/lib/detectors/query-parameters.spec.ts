import type { Detector } from '../detector';
import { queryParameterDetector } from './query-parameters';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const found = (text: string): string[] => findings(queryParameterDetector, text);

describe('query parameter detector', () => {
  it.each([
    [
      'an API key',
      'GET /maps/embed?key=AIzaaDBgl0gk9RmsvhSbD13jMXO_BTr1xZ12pl-&q=Berlin',
      'SECRET:AIzaaDBgl0gk9RmsvhSbD13jMXO_BTr1xZ12pl-',
    ],
    [
      'a signature',
      '/invoice.pdf?sig=43e9273390151819077de3e4714280&expires=1714645604',
      'SECRET:43e9273390151819077de3e4714280',
    ],
    ['an access token', '/cb?access_token=abc.def&scope=repo', 'SECRET:abc.def'],
    [
      'an S3 presigned signature',
      '?X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027&X-Amz-Date=1',
      'SECRET:fe5f80f77d5fa3beca038a248ff027',
    ],
    [
      'an OAuth code',
      '/oauth/callback?code=oakrPKo7Yke6YxK4FvgsRCNjGG3Ek4BE&state=af0ifjsldkj',
      'SECRET:oakrPKo7Yke6YxK4FvgsRCNjGG3Ek4BE',
    ],
    ['a password', '/sms.cgi?user=gateway&pass=S3cr3t!&to=x', 'PASSWORD:S3cr3t!'],
    ['an encoded phone', '/verify?phone=%2B14155550132&channel=sms', 'PHONE:%2B14155550132'],
    [
      'a Twilio To number',
      'MessageStatus=delivered&To=%2B14155550168&From=Acme',
      'PHONE:%2B14155550168',
    ],
    ['a bracketed filter name', '?filter[mobile]=%2B1-415-555-0175&x=1', 'PHONE:%2B1-415-555-0175'],
    [
      'a double-encoded email',
      '/track.gif?uid=8812&email=sam.taylor%2540example.com&evt=open',
      'EMAIL:sam.taylor%2540example.com',
    ],
    [
      'a token inside an encoded URL',
      '/share?u=https%3A%2F%2Fapp.example.com%2Finvite%3Ftoken%3D4a130d7471b7f14e HTTP/1.1',
      'SECRET:4a130d7471b7f14e',
    ],
    [
      'a password inside an encoded URL',
      '/redirect?next=%2Faccount%3Fuser%3Dbob%26password%3DTr0ub4dor%263 HTTP/1.1',
      'PASSWORD:Tr0ub4dor%263',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['a cache key', '/cache?key=users&ttl=60'],
    ['a status code', '/callback?code=200&ok=1'],
    ['a sender name', '/sms/send?to=ExampleCo&from=EXAMPLE'],
    ['an email parameter without an address', '/unsubscribe?email=true'],
    ['a redacted token', '/export?token=[REDACTED]&format=csv'],
    ['a starred password', '/login?password=****'],
    ['a parameter nobody names a secret', '/items?page=5&limit=50&sort=name'],
    ['an ampersand in prose', 'Tom & Jerry met at 10'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
