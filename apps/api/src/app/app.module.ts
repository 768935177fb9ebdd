import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { ClusterBackendModule } from '../cluster/cluster-backend.module';
import { HealthModule } from '../health/health.module';
import { MemoryBackendModule } from '../logs/memory/memory-backend.module';
import { LogsModule } from '../logs/logs.module';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { Env } from './env';
import { EnvModule } from './env.module';
import { createValidationPipe } from './validation';

/**
 * The application for one validated environment. The backend is chosen here, once: memory on a
 * single node, Redis when REDIS_URL is set; only the chosen one is built.
 */
@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EnvModule.forRoot(env),
        AuthModule,
        env.REDIS_URL ? ClusterBackendModule : MemoryBackendModule,
        HealthModule,
        LogsModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
