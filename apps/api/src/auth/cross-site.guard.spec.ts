import { type ExecutionContext, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import type { ApiKeyService } from './api-key.service';
import { CrossSiteGuard, hasNoBody, isJsonRequest } from './cross-site.guard';

function withHeaders(headers: Record<string, string>): Request {
  return { headers } as unknown as Request;
}

function withContentType(type: string | undefined): Request {
  return withHeaders(type === undefined ? {} : { 'content-type': type });
}

function guard(authDisabled: boolean): (request: Request) => boolean {
  const keys = { authDisabled } as ApiKeyService;
  return (request) =>
    new CrossSiteGuard(keys).canActivate({
      switchToHttp: () => ({ getRequest: () => request }),
    } as ExecutionContext);
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

describe('hasNoBody', () => {
  it.each([
    ['no headers at all (curl -X POST)', {}, true],
    ['content-length: 0', { 'content-length': '0' }, true],
    ['declared bytes', { 'content-length': '2' }, false],
    ['a chunked body', { 'transfer-encoding': 'chunked' }, false],
    [
      'an empty form',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
      false,
    ],
  ])('%s → %p', (_label, headers, expected) => {
    expect(hasNoBody(withHeaders(headers as Record<string, string>))).toBe(expected);
  });
});

describe('CrossSiteGuard', () => {
  const bodiless = withHeaders({});
  const json = withContentType('application/json');
  const form = withHeaders({
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': '13',
  });

  it('lets an authenticated request through with no body or with JSON', () => {
    expect(guard(false)(bodiless)).toBe(true);
    expect(guard(false)(json)).toBe(true);
  });

  it('refuses a form even with keys on, saying how to send the call', () => {
    expect(() => guard(false)(form)).toThrow(UnsupportedMediaTypeException);
    expect(() => guard(false)(form)).toThrow(/Send no body, or a JSON object/);
  });

  it('with auth off lets only JSON through: anything else could come from another website', () => {
    expect(guard(true)(json)).toBe(true);
    expect(() => guard(true)(bodiless)).toThrow(/REDTAIL_AUTH=off/);
    expect(() => guard(true)(form)).toThrow(/REDTAIL_AUTH=off/);
  });
});
