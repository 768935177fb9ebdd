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
import { ErrorBodyDto } from '../app/error-body.dto';
import { ApiKeyService } from './api-key.service';

const NEEDS_JSON_WITHOUT_AUTH =
  'Content-Type must be application/json: with REDTAIL_AUTH=off it is what keeps other ' +
  'websites from calling this; send {} for no options';
const NEEDS_JSON_OR_NOTHING =
  'Send no body, or a JSON object with Content-Type: application/json (curl -d sends a form: ' +
  "add -H 'Content-Type: application/json')";

/**
 * Another site open in the operator's browser can POST here with a form or a no-cors fetch:
 * such a "simple" request needs no CORS preflight, so it runs even though its answer cannot be
 * read. It can carry no `Authorization` or `X-API-Key` header, though, so with keys required
 * (the roles guard, which runs first, has checked one) a request with no body at all is as safe
 * as a JSON one, and a bare `curl -X POST -H 'Authorization: Bearer …'` works in an incident.
 * With REDTAIL_AUTH=off nothing else stops a forged request, so only `application/json` passes:
 * no simple request may carry it, and the preflight it forces is refused to foreign origins.
 * Form, multipart and text bodies are refused either way: nothing here reads them.
 */
@Injectable()
export class CrossSiteGuard implements CanActivate {
  constructor(private readonly keys: ApiKeyService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (isJsonRequest(request)) return true;
    if (this.keys.authDisabled) throw new UnsupportedMediaTypeException(NEEDS_JSON_WITHOUT_AUTH);
    if (hasNoBody(request)) return true;
    throw new UnsupportedMediaTypeException(NEEDS_JSON_OR_NOTHING);
  }
}

/** Compares the media type only, as browsers do when they decide whether a preflight is due. */
export function isJsonRequest(request: Request): boolean {
  const header = request.headers['content-type'];
  if (header === undefined) return false;
  const end = header.indexOf(';');
  return (end < 0 ? header : header.slice(0, end)).trim().toLowerCase() === 'application/json';
}

/** No content type, no chunked body, no bytes declared: what `curl -X POST` sends. */
export function hasNoBody(request: Request): boolean {
  const { headers } = request;
  const length = headers['content-length'];
  return (
    headers['content-type'] === undefined &&
    headers['transfer-encoding'] === undefined &&
    (length === undefined || length.trim() === '0')
  );
}

/**
 * For routes that change state and may run without a key (panic, resume with REDTAIL_AUTH=off):
 * they run only for requests no other website can make the operator's browser send.
 * Ingest needs no guard: it already refuses any body that is not JSON or NDJSON.
 */
export const RefuseCrossSite = () =>
  applyDecorators(
    UseGuards(CrossSiteGuard),
    ApiConsumes('application/json'),
    ApiUnsupportedMediaTypeResponse({
      type: ErrorBodyDto,
      description:
        'A form, multipart or text body; or, with REDTAIL_AUTH=off, anything but a JSON body.',
    }),
  );
