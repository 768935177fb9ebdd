import { HttpException, HttpStatus, ServiceUnavailableException } from '@nestjs/common';

/**
 * A 503 the client should simply send again: the filter adds `Retry-After`, which shippers
 * (redtail-ship, OpenTelemetry exporters, Fluent Bit…) honour before resending.
 */
export class RetryLaterException extends ServiceUnavailableException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/**
 * A 429 for work the server will not take on now because too much of the same is in progress
 * (the caller's scans, or every viewer's): it says how many are allowed, and `Retry-After` when
 * to ask again. Unlike a rate limit, nothing was spent; the caller retries when one has ended.
 */
export class BusyException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}
