import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SkipThrottle, Throttle, ThrottlerException } from '@nestjs/throttler';
import type { Identity } from '@redtail/contracts';
import type { Env } from '../app/env';
import { AddressBudget } from './address-budget';
import type { ApiKeyService, Authentication } from './api-key.service';
import type { AuditRecord, AuditService } from './audit.service';
import { FixedWindowStorage } from './fixed-window.storage';
import { isIngestRoute, RateLimitGuard, throttlerOptions } from './rate-limit.guard';
import { Roles } from './roles.decorator';

class IngestController {
  @Roles('ingest', 'admin')
  post(): void {
    return undefined;
  }

  @Roles('viewer', 'ingest')
  read(): void {
    return undefined;
  }

  open(): void {
    return undefined;
  }
}

@Roles('ingest')
class ShipperController {
  post(): void {
    return undefined;
  }
}

class ViewerController extends ShipperController {}

function contextOf(classRef: object, handler: object): ExecutionContext {
  return { getClass: () => classRef, getHandler: () => handler } as unknown as ExecutionContext;
}

describe('isIngestRoute', () => {
  it.each([
    ['an ingest-only handler', IngestController, IngestController.prototype.post, true],
    ['a handler viewers may call too', IngestController, IngestController.prototype.read, false],
    ['a handler without roles', IngestController, IngestController.prototype.open, false],
    [
      'a handler under an ingest-only class',
      ShipperController,
      ShipperController.prototype.post,
      true,
    ],
  ])('classifies %s the same on every call', (_label, classRef, handler, expected) => {
    expect(isIngestRoute(contextOf(classRef, handler))).toBe(expected);
    expect(isIngestRoute(contextOf(classRef, handler))).toBe(expected);
  });

  it('remembers the answer per class, so an inherited handler follows its own class', () => {
    Reflect.defineMetadata('redtail:roles', ['viewer'], ViewerController);
    const handler = ShipperController.prototype.post;
    expect(isIngestRoute(contextOf(ShipperController, handler))).toBe(true);
    expect(isIngestRoute(contextOf(ViewerController, handler))).toBe(false);
  });
});

const LIMITS = {
  REDTAIL_INGEST_RATE_LIMIT: 3,
  REDTAIL_RATE_LIMIT: 2,
  REDTAIL_RATE_WINDOW_MS: 60_000,
};

class RoutesController {
  @Roles('ingest')
  ingest(): void {
    return undefined;
  }

  @Roles('viewer')
  read(): void {
    return undefined;
  }

  @Roles('viewer')
  @Throttle({ api: { limit: 1, ttl: 60_000 } })
  strict(): void {
    return undefined;
  }

  @Roles('viewer')
  @SkipThrottle({ api: true })
  unlimited(): void {
    return undefined;
  }
}

const IDENTITIES: Record<string, Identity> = {
  'ingest-secret': { name: 'shipper', role: 'ingest', authDisabled: false },
  'viewer-secret': { name: 'alice', role: 'viewer', authDisabled: false },
};

interface Call {
  handler: keyof RoutesController;
  secret?: string;
  ip?: string;
}

async function makeGuard(env: Partial<Env> = {}, authDisabled = false) {
  const keys = {
    authenticate: (secret: string | undefined): Authentication => {
      if (authDisabled) return { identity: { name: 'anonymous', role: 'admin', authDisabled } };
      if (!secret) return { failure: 'missing' };
      const identity = IDENTITIES[secret];
      return identity ? { identity } : { failure: 'unknown' };
    },
  } as ApiKeyService;
  const audited: AuditRecord[] = [];
  const audit = {
    record: (record: AuditRecord) => {
      audited.push(record);
    },
  } as unknown as AuditService;
  const settings = { ...LIMITS, ...env } as Env;
  const windows = new FixedWindowStorage();
  const guard = new RateLimitGuard(
    throttlerOptions(settings, windows),
    windows,
    new Reflector(),
    windows,
    new AddressBudget(windows, settings),
    keys,
    audit,
  );
  await guard.onModuleInit();
  const headers: Record<string, string>[] = [];
  const call = ({ handler, secret, ip = '10.0.0.1' }: Call) => {
    const request = {
      headers: secret ? { authorization: `Bearer ${secret}` } : {},
      ip,
      method: 'GET',
      path: `/${handler}`,
    };
    const response: Record<string, string> = {};
    headers.push(response);
    const context = {
      getType: () => 'http',
      getClass: () => RoutesController,
      getHandler: () => RoutesController.prototype[handler],
      switchToHttp: () => ({
        getRequest: () => request,
        getResponse: () => ({
          setHeader: (name: string, value: string) => (response[name] = value),
        }),
      }),
    } as unknown as ExecutionContext;
    return guard.canActivate(context);
  };
  /** Calls until the guard refuses; returns how many passed (capped, so a missing limit fails). */
  const passes = async (request: Call, cap = 10) => {
    for (let passed = 0; passed < cap; passed += 1) {
      try {
        await call(request);
      } catch (error) {
        expect(error).toBeInstanceOf(ThrottlerException);
        return passed;
      }
    }
    return cap;
  };
  return { call, passes, audited, headers };
}

describe('RateLimitGuard', () => {
  it('gives each key its own budget', async () => {
    const { passes } = await makeGuard();
    expect(await passes({ handler: 'read', secret: 'viewer-secret' })).toBe(2);
    expect(await passes({ handler: 'read', secret: 'ingest-secret' })).toBe(2);
  });

  it('keeps the ingest budget apart from the api budget', async () => {
    const { passes } = await makeGuard();
    expect(await passes({ handler: 'ingest', secret: 'ingest-secret' })).toBe(3);
    expect(await passes({ handler: 'read', secret: 'ingest-secret' })).toBe(2);
  });

  it('counts failed authentication per address, whatever key is guessed', async () => {
    const { call, passes } = await makeGuard();
    await call({ handler: 'read', secret: 'guess-1' });
    await call({ handler: 'read' });
    await expect(call({ handler: 'read', secret: 'guess-2' })).rejects.toThrow(ThrottlerException);
    expect(await passes({ handler: 'read', secret: 'guess-3', ip: '10.0.0.2' })).toBe(2);
  });

  it('refuses a valid key from an address past its budget, so a right guess cannot be told apart', async () => {
    const { passes } = await makeGuard();
    expect(await passes({ handler: 'read', secret: 'guess' })).toBe(2);
    expect(await passes({ handler: 'read', secret: 'viewer-secret' })).toBe(0);
    expect(await passes({ handler: 'read', secret: 'viewer-secret', ip: '10.0.0.2' })).toBe(2);
  });

  it('limits wrong keys on ingest routes by the address budget, not the high ingest budget', async () => {
    const { passes } = await makeGuard({ REDTAIL_INGEST_RATE_LIMIT: 1000 });
    expect(await passes({ handler: 'ingest', secret: 'guess' })).toBe(2);
  });

  it('counts an IPv6 /64 as one address', async () => {
    const { call } = await makeGuard();
    await call({ handler: 'read', secret: 'guess', ip: '2001:db8:1:2::a' });
    await call({ handler: 'read', secret: 'guess', ip: '2001:db8:1:2::b' });
    await expect(
      call({ handler: 'read', secret: 'guess', ip: '2001:db8:1:2:ffff::c' }),
    ).rejects.toThrow(ThrottlerException);
  });

  it('counts per address when authentication is off', async () => {
    const { passes } = await makeGuard({}, true);
    expect(await passes({ handler: 'read', ip: '10.0.0.1' })).toBe(2);
    expect(await passes({ handler: 'read', ip: '10.0.0.2' })).toBe(2);
  });

  it('sets Retry-After and audits the refusal', async () => {
    const { passes, audited, headers } = await makeGuard();
    await passes({ handler: 'read', secret: 'viewer-secret' });
    expect(Number(headers.at(-1)?.['Retry-After'])).toBe(60);
    expect(audited).toEqual([
      expect.objectContaining({ type: 'rate-limited', actor: 'alice', detail: 'GET /read' }),
    ]);
  });

  it('honours @Throttle and @SkipThrottle on a route', async () => {
    const { passes } = await makeGuard();
    expect(await passes({ handler: 'strict', secret: 'viewer-secret' })).toBe(1);
    expect(await passes({ handler: 'unlimited', secret: 'viewer-secret' }, 20)).toBe(20);
  });

  it('lets socket contexts through; the handshake has its own checks', async () => {
    const windows = new FixedWindowStorage();
    const guard = new RateLimitGuard(
      throttlerOptions(LIMITS as Env, windows),
      windows,
      new Reflector(),
      windows,
      new AddressBudget(windows, LIMITS as Env),
      {} as ApiKeyService,
      {} as AuditService,
    );
    await guard.onModuleInit();
    const context = { getType: () => 'ws' } as ExecutionContext;
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });
});
