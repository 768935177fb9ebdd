import { basicAuthDetector, bearerTokenDetector } from './auth-header';
import type { Detector } from '../detector';

function found(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

describe('bearerTokenDetector', () => {
  it.each([
    ['a header', 'Authorization: Bearer abc123def456ghi', 'abc123def456ghi'],
    ['a lowercase scheme', 'authorization: bearer 9f8e7d6c5b4a', '9f8e7d6c5b4a'],
    ['a token with base64 padding', '"Bearer dGhpcyBpcyBhIHRva2Vu=="', 'dGhpcyBpcyBhIHRva2Vu=='],
    [
      'a JWT',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature-1',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature-1',
    ],
  ])('masks the token of %s', (_name, text, expected) =>
    expect(found(bearerTokenDetector, text)).toEqual([expected]),
  );

  it.each([
    ['prose', 'Bearer authentication required'],
    ['a challenge', 'WWW-Authenticate: Bearer realm="api"'],
    ['a short word', 'Bearer token'],
  ])('leaves %s alone', (_name, text) => expect(found(bearerTokenDetector, text)).toEqual([]));
});

describe('basicAuthDetector', () => {
  it.each([
    ['a header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
    ['a lowercase scheme', 'authorization=basic YWRtaW46aHVudGVyMg==', 'YWRtaW46aHVudGVyMg=='],
    [
      "a proxy's captured header that does not decode",
      '{www.example.com|Basic rK4sf9jRvUaCEdO45L12DMuG}',
      'rK4sf9jRvUaCEdO45L12DMuG',
    ],
  ])('masks the credentials of %s', (_name, text, expected) =>
    expect(found(basicAuthDetector, text)).toEqual([expected]),
  );

  it.each([
    ['a plan name', 'upgraded from Basic plan'],
    ['base64 without a colon', 'Basic aGVsbG8gd29ybGQ='],
    ['a long word', 'Basic authenticationRequired'],
    ['a challenge', 'WWW-Authenticate: Basic realm="x"'],
  ])('leaves %s alone', (_name, text) => expect(found(basicAuthDetector, text)).toEqual([]));
});
