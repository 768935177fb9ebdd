import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Role } from '@redtail/contracts';
import type { Request, Response } from 'express';
import { Env } from '../app/env';
import { AddressBudget, trackerOf } from './address-budget';
import { ApiKeyService } from './api-key.service';
import { AuditService } from './audit.service';
import { authenticateHeaders, authenticationOf } from './credentials';
import { FixedWindowStorage } from './fixed-window.storage';
import { ROLES_KEY } from './roles.decorator';
import { routeOf } from './roles.guard';
import { isScanRoute } from './scans.decorator';

const RATE_LIMITED = 'Rate limit exceeded; retry after the number of seconds in Retry-After';

/**
 * Budgets per window: `ingest` for routes only ingest keys are for (high,
 * so batched shipping is never throttled), `api` for everything else, and
 * on `@Scans()` routes also `scan`, which socket replays share
 * (`SocketRateLimit`).
 */
export function throttlerOptions(env: Env, storage: FixedWindowStorage): ThrottlerModuleOptions {
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
      {
        name: 'scan',
        limit: env.REDTAIL_SCAN_RATE_LIMIT,
        ttl: env.REDTAIL_RATE_WINDOW_MS,
        skipIf: (context) => !isScanRoute(context),
      },
    ],
    storage,
    // The X-RateLimit-* headers would be named per throttler and cost three writes per request;
    // Retry-After on a 429 is what clients act on.
    setHeaders: false,
    errorMessage: RATE_LIMITED,
  };
}

/** Per class, then per handler: the answer depends on route metadata only. */
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

/** One throttler as it applies to one route, resolved once. */
interface RouteBudget {
  name: string;
  limit: number;
  ttl: number;
}

/**
 * @nestjs/throttler's metadata keys (not exported by the package); its own
 * `@Throttle` and `@SkipThrottle` write them, and the spec uses those decorators,
 * so a rename upstream fails a test rather than silently unthrottling a route.
 * No Redtail route uses either decorator today.
 */
const SKIP = 'THROTTLER:SKIP';
const LIMIT = 'THROTTLER:LIMIT';
const TTL = 'THROTTLER:TTL';

/**
 * Rate limits per key name. A request without a valid key draws on its address's budget
 * (`AddressBudget`, shared with the socket handshake) whatever the route, so guessing keys is
 * throttled on ingest routes too; and an address past that budget is refused outright, valid
 * key or not. Runs before the roles guard; both reuse one authentication per request.
 *
 * The generic `canActivate` re-reads a dozen metadata entries and awaits
 * several hops per throttler on every request. Here the budgets that apply to
 * a route are resolved on its first request (Redtail's `skipIf`, limits and
 * route metadata depend only on the route), and a request costs one counter
 * increment. Per-route trackers, key generators and `ignoreUserAgents` are not
 * read: Redtail uses none.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly budgets = new WeakMap<object, WeakMap<object, readonly RouteBudget[]>>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly windows: FixedWindowStorage,
    private readonly addresses: AddressBudget,
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const budgets = this.budgetsOf(context);
    if (budgets.length === 0) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const address = request.ip ?? 'unknown';
    const authentication = this.authenticate(request);
    if ('failure' in authentication) {
      const retryAfter = this.addresses.spend(address);
      if (retryAfter > 0) this.refuse(context, retryAfter, 'unknown');
      return true;
    }
    const { identity } = authentication;
    if (!identity.authDisabled) {
      const retryAfter = this.addresses.blockedFor(address);
      if (retryAfter > 0) this.refuse(context, retryAfter, identity.name);
    }
    const tracker = trackerOf(identity, address);
    for (const { name, limit, ttl } of budgets) {
      const hit = this.windows.hit(`${name}|${tracker}`, ttl, limit);
      if (hit.blocked) this.refuse(context, hit.secondsLeft, identity.name);
    }
    return true;
  }

  private refuse(context: ExecutionContext, retryAfter: number, actor: string): never {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    this.audit.record({
      type: 'rate-limited',
      actor,
      address: request.ip,
      detail: routeOf(request),
    });
    http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new ThrottlerException(RATE_LIMITED);
  }

  /** The throttlers that apply to a route, with its `@Throttle` overrides; cached per handler. */
  private budgetsOf(context: ExecutionContext): readonly RouteBudget[] {
    const handler = context.getHandler();
    const classRef = context.getClass();
    let byHandler = this.budgets.get(classRef);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.budgets.set(classRef, byHandler);
    }
    let budgets = byHandler.get(handler);
    if (!budgets) {
      budgets = this.resolveBudgets(context);
      byHandler.set(handler, budgets);
    }
    return budgets;
  }

  private resolveBudgets(context: ExecutionContext): RouteBudget[] {
    const targets = [context.getHandler(), context.getClass()];
    const skipIf = Array.isArray(this.options) ? undefined : this.options.skipIf;
    const budgets: RouteBudget[] = [];
    // `throttlers` is the module's list after onModuleInit: named and sorted by ttl.
    for (const throttler of this.throttlers) {
      const name = throttler.name ?? 'default';
      const override = <T>(key: string) => this.reflector.getAllAndOverride<T>(key + name, targets);
      if (override<boolean>(SKIP) || (throttler.skipIf ?? skipIf)?.(context)) continue;
      budgets.push({
        name,
        limit: staticNumber(override(LIMIT) ?? throttler.limit, 'limit', name),
        ttl: staticNumber(override(TTL) ?? throttler.ttl, 'ttl', name),
      });
    }
    return budgets;
  }

  private authenticate(request: Request) {
    return authenticationOf(request, () =>
      authenticateHeaders(request.headers, (secret) => this.keys.authenticate(secret)),
    );
  }
}

/** Budgets are cached per route, so a per-request (function) limit would be frozen: refuse it. */
function staticNumber(value: unknown, option: string, throttler: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new Error(
      `Rate limit "${option}" of the "${throttler}" throttler must be a number, got ${typeof value}`,
    );
  }
  return value;
}
