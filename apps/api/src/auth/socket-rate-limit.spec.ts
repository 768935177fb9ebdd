import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import type { Identity } from '@redtail/contracts';
import type { Env } from '../app/env';
import { AddressBudget } from './address-budget';
import type { ApiKeyService } from './api-key.service';
import type { AuditRecord, AuditService } from './audit.service';
import { FixedWindowStorage } from './fixed-window.storage';
import { RateLimitGuard, throttlerOptions } from './rate-limit.guard';
import { Roles } from './roles.decorator';
import { Scans } from './scans.decorator';
import { type LimitedSocket, SocketRateLimit } from './socket-rate-limit';

const LIMITS = {
  REDTAIL_RATE_WINDOW_MS: 60_000,
  REDTAIL_RATE_LIMIT: 100,
  REDTAIL_INGEST_RATE_LIMIT: 100,
  REDTAIL_SCAN_RATE_LIMIT: 3,
  REDTAIL_SOCKET_RATE_LIMIT: 5,
};

const ALICE: Identity = { name: 'alice', role: 'viewer', authDisabled: false };
const ANONYMOUS: Identity = { name: 'anonymous', role: 'admin', authDisabled: true };

let sockets = 0;
function socketOf(identity: Identity | undefined, address = '10.0.0.1'): LimitedSocket {
  sockets += 1;
  return { id: `socket-${sockets}`, nsp: { name: '/logs' }, data: { identity, address } };
}

function limiter(env: Partial<Env> = {}, windows = new FixedWindowStorage()) {
  const audited: AuditRecord[] = [];
  const audit = {
    record: (record: AuditRecord) => audited.push(record),
  } as unknown as AuditService;
  const limits = new SocketRateLimit(windows, audit, { ...LIMITS, ...env } as Env);
  /** How many times `event` passes before the first refusal (capped, so a missing limit fails). */
  const passes = (socket: LimitedSocket, event: 'subscribe' | 'resume', replays = false) => {
    for (let passed = 0; passed < 50; passed += 1) {
      if (limits.refusal(socket, event, replays)) return passed;
    }
    return 50;
  };
  return { limits, passes, audited };
}

describe('SocketRateLimit', () => {
  it('gives each socket its own budget of events', () => {
    const { passes } = limiter();
    expect(passes(socketOf(ALICE), 'subscribe')).toBe(5);
    expect(passes(socketOf(ALICE), 'resume')).toBe(5);
  });

  it('limits replays per key across sockets', () => {
    const { passes } = limiter();
    expect(passes(socketOf(ALICE), 'subscribe', true)).toBe(3);
    expect(passes(socketOf(ALICE), 'subscribe', true)).toBe(0);
    expect(passes(socketOf(ALICE), 'subscribe', false)).toBe(5);
    expect(passes(socketOf({ ...ALICE, name: 'bob' }), 'subscribe', true)).toBe(3);
  });

  it('spends the key request budget, so many sockets cannot multiply it', () => {
    const { passes } = limiter({ REDTAIL_RATE_LIMIT: 12 });
    const passed = [1, 2, 3, 4].map(() => passes(socketOf(ALICE), 'subscribe'));
    expect(passed).toEqual([5, 5, 2, 0]);
  });

  it('counts per address when auth is off', () => {
    const { passes } = limiter();
    expect(passes(socketOf(ANONYMOUS, '10.0.0.1'), 'subscribe', true)).toBe(3);
    expect(passes(socketOf(ANONYMOUS, '10.0.0.1'), 'subscribe', true)).toBe(0);
    expect(passes(socketOf(ANONYMOUS, '10.0.0.2'), 'subscribe', true)).toBe(3);
  });

  it('answers a refusal the dashboard can show, and audits it', () => {
    const { limits, passes, audited } = limiter();
    const socket = socketOf(ALICE);
    passes(socket, 'subscribe');
    expect(limits.refusal(socket, 'subscribe')).toMatch(
      /^rate-limited: too many subscribe events on this connection; retry in 60 s$/,
    );
    expect(audited.at(-1)).toEqual({
      type: 'rate-limited',
      actor: 'alice',
      address: '10.0.0.1',
      detail: 'socket /logs subscribe',
    });
  });

  it('refuses a socket the handshake did not admit', () => {
    const { limits } = limiter();
    expect(limits.refusal(socketOf(undefined), 'subscribe')).toMatch(/^unauthorized/);
  });

  it('shares the scan budget with HTTP routes marked @Scans()', async () => {
    class LogsController {
      @Roles('viewer')
      @Scans()
      list(): void {
        return undefined;
      }
    }
    const windows = new FixedWindowStorage();
    const env = LIMITS as Env;
    const keys = { authenticate: () => ({ identity: ALICE }) } as unknown as ApiKeyService;
    const audit = { record: () => undefined } as unknown as AuditService;
    const guard = new RateLimitGuard(
      throttlerOptions(env, windows),
      windows,
      new Reflector(),
      windows,
      new AddressBudget(windows, env),
      keys,
      audit,
    );
    await guard.onModuleInit();
    const context = {
      getType: () => 'http',
      getClass: () => LogsController,
      getHandler: () => LogsController.prototype.list,
      switchToHttp: () => ({
        getRequest: () => ({ headers: {}, ip: '10.0.0.1', method: 'GET', path: '/logs' }),
        getResponse: () => ({ setHeader: () => undefined }),
      }),
    } as unknown as ExecutionContext;

    await guard.canActivate(context);
    await guard.canActivate(context);
    const { passes } = limiter({}, windows);
    expect(passes(socketOf(ALICE), 'subscribe', true)).toBe(1);
    await expect(guard.canActivate(context)).rejects.toThrow(ThrottlerException);
  });
});
