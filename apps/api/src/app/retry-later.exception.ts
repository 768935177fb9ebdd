import { ServiceUnavailableException } from '@nestjs/common';

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
