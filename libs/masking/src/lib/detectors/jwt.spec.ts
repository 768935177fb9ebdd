import { jwtDetector } from './jwt';

function found(text: string): string[] {
  const spans: string[] = [];
  jwtDetector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

const HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const PAYLOAD = 'eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzE0NTY3ODkwfQ';
const SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('jwtDetector', () => {
  it.each([
    [
      'a signed token',
      `token=${HEADER}.${PAYLOAD}.${SIGNATURE}&x=1`,
      `${HEADER}.${PAYLOAD}.${SIGNATURE}`,
    ],
    ['an unsigned token', `jwt ${HEADER}.${PAYLOAD}.`, `${HEADER}.${PAYLOAD}.`],
    [
      'a token cut off after the payload',
      `"id_token":"${HEADER}.${PAYLOAD}`,
      `${HEADER}.${PAYLOAD}`,
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['a lone base64 JSON segment', `cursor=${PAYLOAD}`],
    ['a word starting with eyJ inside another token', `x${HEADER}.${PAYLOAD}`],
    ['a header with nothing after it', `${HEADER}.`],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
