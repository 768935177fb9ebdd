import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '../app/env';
import { AddressBudget } from './address-budget';
import { ApiKeyService } from './api-key.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuthController } from './auth.controller';
import { ClientAddress } from './client-address';
import { FixedWindowStorage } from './fixed-window.storage';
import { HostAllowlist } from './host-allowlist';
import { RateLimitGuard, throttlerOptions } from './rate-limit.guard';
import { RolesGuard } from './roles.guard';
import { SocketAuth } from './socket-auth';
import { SocketRateLimit } from './socket-rate-limit';

/** One set of rate counters for the HTTP throttler and the socket's checks, so shared budgets are one counter. */
@Module({ providers: [FixedWindowStorage], exports: [FixedWindowStorage] })
class RateWindowsModule {}

/**
 * Keys, roles, rate limits and the audit trail. Global so any module can
 * inject `AuditService` (panic and resume are recorded by the logs module).
 * Guard order matters: the rate limit runs first, so unauthenticated
 * requests (key guessing included) are limited per address.
 */
@Global()
@Module({
  imports: [
    RateWindowsModule,
    ThrottlerModule.forRootAsync({
      imports: [RateWindowsModule],
      inject: [Env, FixedWindowStorage],
      useFactory: throttlerOptions,
    }),
  ],
  controllers: [AuthController, AuditController],
  providers: [
    ApiKeyService,
    AuditService,
    AddressBudget,
    ClientAddress,
    HostAllowlist,
    SocketAuth,
    SocketRateLimit,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [ApiKeyService, AuditService, ClientAddress, HostAllowlist, SocketAuth, SocketRateLimit],
})
export class AuthModule {}
