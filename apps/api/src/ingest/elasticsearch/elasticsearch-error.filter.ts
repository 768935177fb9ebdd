import { Catch } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AllExceptionsFilter, type ErrorBody } from '../../app/all-exceptions.filter';
import { ELASTIC_PRODUCT, ELASTIC_PRODUCT_HEADER, responseType } from './elasticsearch-request';

/** Elasticsearch's error types for the statuses Redtail answers, so clients log familiar words. */
const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'parse_exception',
  401: 'security_exception',
  403: 'security_exception',
  404: 'resource_not_found_exception',
  413: 'content_too_long_exception',
  415: 'media_type_header_exception',
  429: 'es_rejected_execution_exception',
  503: 'cluster_block_exception',
};

/**
 * Errors in Elasticsearch's shape, `{ error: { root_cause, type, reason }, status }`, with the
 * product header every Elasticsearch answer carries. A 503 (lockdown) carries Retry-After.
 */
@Catch()
export class ElasticsearchErrorFilter extends AllExceptionsFilter {
  protected override send(body: ErrorBody, request: Request, response: Response): void {
    response.setHeader(ELASTIC_PRODUCT_HEADER, ELASTIC_PRODUCT);
    const cause = { type: ERROR_TYPES[body.statusCode] ?? 'exception', reason: body.message };
    response
      .status(body.statusCode)
      .type(responseType(request.headers))
      .send(JSON.stringify({ error: { root_cause: [cause], ...cause }, status: body.statusCode }));
  }
}
