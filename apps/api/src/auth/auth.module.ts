import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '../app/env';
import { ApiKeyService } from './api-key.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuthController } from './auth.controller';
import { RateLimitGuard, throttlerOptions } from './rate-limit.guard';
import { RolesGuard } from './roles.guard';
import { SocketAuth } from './socket-auth';

/**
 * Keys, roles, rate limits and the audit trail. Global so any module can
 * inject `AuditService` (panic and resume are recorded by the logs module).
 * Guard order matters: the rate limit runs first, so unauthenticated
 * requests (key guessing included) are limited per address.
 */
@Global()
@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [Env], useFactory: throttlerOptions })],
  controllers: [AuthController, AuditController],
  providers: [
    ApiKeyService,
    AuditService,
    SocketAuth,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [ApiKeyService, AuditService, SocketAuth],
})
export class AuthModule {}
