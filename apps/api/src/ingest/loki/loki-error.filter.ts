import { Catch } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AllExceptionsFilter, type ErrorBody } from '../../app/all-exceptions.filter';

/**
 * Errors as Loki answers them: the reason as plain text, which Promtail, Alloy, pino-loki and
 * winston-loki print as they got it. A 503 (lockdown) carries Retry-After; they retry 5xx and 429.
 */
@Catch()
export class LokiErrorFilter extends AllExceptionsFilter {
  protected override send(body: ErrorBody, _request: Request, response: Response): void {
    response.status(body.statusCode).type('text/plain').send(`${body.message}\n`);
  }
}
