import { Catch } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AllExceptionsFilter, type ErrorBody } from '../../app/all-exceptions.filter';
import { isProtobufRequest } from './otlp-encoding';
import { RpcStatus } from './otlp-proto';

/** gRPC status codes for the HTTP ones Redtail answers (OTLP/HTTP puts a google.rpc.Status in errors). */
const GRPC_CODES: Readonly<Record<number, number>> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  413: 8, // RESOURCE_EXHAUSTED
  415: 3, // INVALID_ARGUMENT
  429: 8, // RESOURCE_EXHAUSTED
  503: 14, // UNAVAILABLE
};
const GRPC_UNKNOWN = 2;

/**
 * Errors as OTLP/HTTP specifies them: a `Status` message in the request's own encoding. A 503
 * (lockdown) carries Retry-After: the exporters retry 429/502/503/504 and drop on other codes.
 */
@Catch()
export class OtlpErrorFilter extends AllExceptionsFilter {
  protected override send(body: ErrorBody, request: Request, response: Response): void {
    const status = { code: GRPC_CODES[body.statusCode] ?? GRPC_UNKNOWN, message: body.message };
    response.status(body.statusCode);
    if (isProtobufRequest(request)) {
      response.type('application/x-protobuf').send(Buffer.from(RpcStatus.encode(status).finish()));
    } else {
      response.json(status);
    }
  }
}
