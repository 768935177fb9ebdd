import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Role } from '@redtail/contracts';
import type { Request, Response } from 'express';
import { Env } from '../app/env';
import { ApiKeyService } from './api-key.service';
import { AuditService } from './audit.service';
import { authenticationOf, secretFromHeaders } from './credentials';
import { FixedWindowStorage } from './fixed-window.storage';
import { ROLES_KEY } from './roles.decorator';
import { routeOf } from './roles.guard';

/**
 * Two budgets per window: `ingest` for routes only ingest keys are for (high,
 * so batched shipping is never throttled) and `api` for everything else.
 */
export function throttlerOptions(env: Env): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: 'ingest',
        limit: env.REDTAIL_INGEST_RATE_LIMIT,
        ttl: env.REDTAIL_RATE_WINDOW_MS,
        skipIf: (context) => !isIngestRoute(context),
      },
      {
        name: 'api',
        limit: env.REDTAIL_RATE_LIMIT,
        ttl: env.REDTAIL_RATE_WINDOW_MS,
        skipIf: isIngestRoute,
      },
    ],
    storage: new FixedWindowStorage(),
    // The X-RateLimit-* headers would be named per throttler and cost three writes per request;
    // Retry-After on a 429 is what clients act on.
    setHeaders: false,
    errorMessage: 'Rate limit exceeded; retry after the number of seconds in Retry-After',
  };
}

/** Per class, then per handler: both throttlers ask on every request, and the answer never changes. */
const ingestRoutes = new WeakMap<object, WeakMap<object, boolean>>();

export function isIngestRoute(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  const classRef = context.getClass();
  let byHandler = ingestRoutes.get(classRef);
  if (!byHandler) {
    byHandler = new WeakMap();
    ingestRoutes.set(classRef, byHandler);
  }
  let ingest = byHandler.get(handler);
  if (ingest === undefined) {
    const roles: Role[] | undefined =
      Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, classRef);
    ingest = !!roles && roles.includes('ingest') && !roles.includes('viewer');
    byHandler.set(handler, ingest);
  }
  return ingest;
}

/**
 * Rate limits per key name, or per remote address when there is no valid key,
 * so guessing keys is throttled too. Runs before the roles guard; both reuse
 * one authentication per request.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async getTracker(request: Request): Promise<string> {
    const authentication = this.authenticate(request);
    return 'identity' in authentication && !authentication.identity.authDisabled
      ? `key:${authentication.identity.name}`
      : `ip:${request.ip ?? 'unknown'}`;
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttlerName: string,
  ): string {
    return `${throttlerName}|${tracker}`;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const authentication = this.authenticate(request);
    this.audit.record({
      type: 'rate-limited',
      actor: 'identity' in authentication ? authentication.identity.name : 'unknown',
      address: request.ip,
      detail: routeOf(request),
    });
    http.getResponse<Response>().setHeader('Retry-After', String(detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }

  private authenticate(request: Request) {
    return authenticationOf(request, () =>
      this.keys.authenticate(secretFromHeaders(request.headers)),
    );
  }
}
