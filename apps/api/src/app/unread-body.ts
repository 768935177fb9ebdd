import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Runs after the JSON and NDJSON parsers: a request that still carries an
 * unread body (a form, text/plain, multipart) gets a 415 instead of reaching a
 * handler that would see no body at all; `POST /logs/panic` would otherwise
 * take a form as an empty request and act on it. For a parsed request this is
 * one property read.
 */
export function refuseUnreadBodies() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (request.body === undefined && carriesBody(request)) {
      next(
        new UnsupportedMediaTypeException(
          'Content-Type must be application/json or application/x-ndjson',
        ),
      );
      return;
    }
    next();
  };
}

/** `Content-Length: 0` is what browsers send for a POST without a body; that is no body. */
function carriesBody(request: Request): boolean {
  const { 'content-length': length, 'transfer-encoding': encoding } = request.headers;
  return encoding !== undefined || (length !== undefined && length !== '0');
}
