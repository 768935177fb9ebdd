import type { Request } from 'express';
import { isJsonRequest } from './json-request.guard';

function withContentType(type: string | undefined): Request {
  return { headers: type === undefined ? {} : { 'content-type': type } } as Request;
}

describe('isJsonRequest', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON ;x=1'])(
    'accepts %s, which no cross-site simple request may carry',
    (type) => {
      expect(isJsonRequest(withContentType(type))).toBe(true);
    },
  );

  it.each([
    ['no content type', undefined],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['text/plain', 'text/plain'],
    ['text/plain naming JSON in a parameter', 'text/plain; type=application/json'],
    ['a longer subtype', 'application/jsonx'],
    ['NDJSON', 'application/x-ndjson'],
  ])('refuses %s', (_name, type) => {
    expect(isJsonRequest(withContentType(type))).toBe(false);
  });
});
