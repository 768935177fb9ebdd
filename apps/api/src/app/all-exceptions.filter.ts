import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { RetryLaterException } from './retry-later.exception';

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
 * its message, because messages (JSON parse errors, for one) can quote the
 * request body, and log content must never reach the server's own log.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && body.statusCode !== HttpStatus.SERVICE_UNAVAILABLE) {
      this.logUnexpected(exception);
    }
    if (exception instanceof RetryLaterException) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      return fromHttpException(exception);
    }
    const bodyParserStatus = statusOfBodyParserError(exception);
    if (bodyParserStatus) {
      return bodyParserError(bodyParserStatus, exception);
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'Internal server error',
    };
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

/** body-parser errors carry `type` and `status`; they are always the client's doing. */
function statusOfBodyParserError(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, type } = exception as { status?: unknown; type?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  return status >= 400 && status < 500 ? status : undefined;
}

function bodyParserError(statusCode: number, exception: unknown): ErrorBody {
  const { type, limit } = exception as { type: string; limit?: number };
  const messages: Record<string, string> = {
    'entity.parse.failed': 'Malformed JSON in request body',
    'entity.too.large': `Request body exceeds the limit${limit ? ` of ${limit} bytes` : ''}`,
    'encoding.unsupported': 'Unsupported content encoding',
    'charset.unsupported': 'Unsupported charset',
    'request.aborted': 'Request aborted',
  };
  return {
    statusCode,
    error: titleCase(HttpStatus[statusCode] ?? 'Bad Request'),
    message: messages[type] ?? 'Invalid request body',
  };
}

function titleCase(constant: string): string {
  return constant
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
