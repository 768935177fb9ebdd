import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  UnsupportedMediaTypeException,
  UseGuards,
} from '@nestjs/common';
import { ApiConsumes, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { Request } from 'express';

const REFUSAL =
  'Content-Type must be application/json: send a JSON object ({} for no options) with this request';

/**
 * Another site open in the operator's browser can POST here with a form or a no-cors fetch:
 * such a "simple" request needs no CORS preflight, so it runs even though its answer cannot be
 * read. With REDTAIL_AUTH=off nothing else stops it. `application/json` is not a type a simple
 * request may carry, so insisting on it forces the preflight, which our CORS policy refuses to
 * foreign origins. The dashboard and Swagger UI send JSON already.
 */
@Injectable()
export class JsonRequestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (isJsonRequest(context.switchToHttp().getRequest<Request>())) return true;
    throw new UnsupportedMediaTypeException(REFUSAL);
  }
}

/** Compares the media type only, as browsers do when they decide whether a preflight is due. */
export function isJsonRequest(request: Request): boolean {
  const header = request.headers['content-type'];
  if (header === undefined) return false;
  const end = header.indexOf(';');
  return (end < 0 ? header : header.slice(0, end)).trim().toLowerCase() === 'application/json';
}

/**
 * For routes that change state and may run without a key (panic, resume with REDTAIL_AUTH=off):
 * they run only when called with a JSON content type, so no other site can trigger them.
 * Ingest needs no guard: it already refuses any body that is not JSON or NDJSON.
 */
export const RequireJson = () =>
  applyDecorators(
    UseGuards(JsonRequestGuard),
    ApiConsumes('application/json'),
    ApiUnsupportedMediaTypeResponse({ description: REFUSAL }),
  );
