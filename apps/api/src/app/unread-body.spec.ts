import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { refuseUnreadBodies } from './unread-body';

function run(request: { body?: unknown; headers: Record<string, string> }): unknown[] {
  const calls: unknown[][] = [];
  refuseUnreadBodies()(request as Request, {} as Response, (...args: unknown[]) => {
    calls.push(args);
  });
  expect(calls).toHaveLength(1);
  return calls[0];
}

describe('refuseUnreadBodies', () => {
  it.each([
    ['a parsed JSON body', { body: { level: 'info' }, headers: { 'content-length': '16' } }],
    ['a parsed NDJSON body', { body: '{}\n', headers: { 'transfer-encoding': 'chunked' } }],
    ['a request without a body', { headers: {} }],
    ['an empty POST as browsers send it', { headers: { 'content-length': '0' } }],
  ])('passes %s on', (_label, request) => {
    expect(run(request)).toEqual([]);
  });

  it.each([
    [
      'a sized body',
      { 'content-length': '24', 'content-type': 'application/x-www-form-urlencoded' },
    ],
    ['a chunked body', { 'transfer-encoding': 'chunked', 'content-type': 'text/plain' }],
  ])('answers 415 for %s no parser read', (_label, headers) => {
    const [error] = run({ headers });
    expect(error).toBeInstanceOf(UnsupportedMediaTypeException);
    expect((error as UnsupportedMediaTypeException).message).toBe(
      'Content-Type must be application/json or application/x-ndjson',
    );
  });
});
