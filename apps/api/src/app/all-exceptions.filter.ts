import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { BusyException, RetryLaterException } from './retry-later.exception';

/** Shape of every error body the API returns. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors?: { field: string; reason: string }[];
}

/**
 * The one place errors become HTTP responses. Client mistakes keep their 4xx
 * and message; anything unexpected becomes a bare 500 and is logged without
 * its message, because messages can quote the request body, and log content
 * must never reach the server's own log. A door whose clients expect errors in
 * their own shape (OTLP, Loki, Elasticsearch) extends this and overrides `send`.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (response.headersSent) return;
    const request = http.getRequest<Request>();
    const body = withoutPathEcho(errorBodyOf(exception), exception, request);
    if (body.statusCode >= 500 && body.statusCode !== HttpStatus.SERVICE_UNAVAILABLE) {
      this.logUnexpected(exception);
    }
    if (exception instanceof RetryLaterException || exception instanceof BusyException) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    this.send(body, request, response);
  }

  protected send(body: ErrorBody, _request: Request, response: Response): void {
    response.status(body.statusCode).json(body);
  }

  private logUnexpected(exception: unknown): void {
    if (exception instanceof Error) {
      const frames = (exception.stack ?? '').split('\n').slice(1).join('\n');
      this.logger.error(`${exception.name} (message withheld)\n${frames}`);
    } else {
      this.logger.error(`Non-error thrown: ${typeof exception}`);
    }
  }
}

export function errorBodyOf(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) return fromHttpException(exception);
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: 'Internal Server Error',
    message: 'Internal server error',
  };
}

/**
 * Two answers Express and Nest write with the request's own path in them: the 404 for a path no
 * route has (`Cannot GET /<path>`) and the 400 for a path that is not valid percent-encoding
 * (`Failed to decode param '<segment>'`). The path is the sender's text, so neither repeats it.
 */
function withoutPathEcho(body: ErrorBody, exception: unknown, request: Request): ErrorBody {
  // Express sets `route` once a route matched: a 404 without one is "no such route".
  if (body.statusCode === HttpStatus.NOT_FOUND && request.route === undefined) {
    return { ...body, message: 'No route answers this method and path' };
  }
  if (exception instanceof HttpException && exception.cause instanceof URIError) {
    const problem = { field: 'path', reason: 'is not valid percent-encoding' };
    return { ...body, message: `${problem.field}: ${problem.reason}`, errors: [problem] };
  }
  return body;
}

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const raw = exception.getResponse();
  const error = HttpStatus[statusCode] ? titleCase(HttpStatus[statusCode]) : exception.name;
  if (typeof raw === 'string') return { statusCode, error, message: raw };
  const record = raw as Record<string, unknown>;
  const body: ErrorBody = {
    statusCode,
    error: typeof record['error'] === 'string' ? record['error'] : error,
    message: Array.isArray(record['message'])
      ? record['message'].join('; ')
      : String(record['message'] ?? exception.message),
  };
  if (Array.isArray(record['errors'])) body.errors = record['errors'] as ErrorBody['errors'];
  return body;
}

function titleCase(constant: string): string {
  return constant
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
