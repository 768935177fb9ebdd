import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { ReadBodyInterceptor } from '../body/read-body.interceptor';
import { ClusterBackendModule } from '../cluster/cluster-backend.module';
import { HealthModule } from '../health/health.module';
import { IngestModule } from '../ingest/ingest.module';
import { MemoryBackendModule } from '../logs/memory/memory-backend.module';
import { LogsModule } from '../logs/logs.module';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { Env } from './env';
import { EnvModule } from './env.module';
import { GracefulShutdown } from './graceful-shutdown';
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
        // Before LogsModule: its routes are registered first, so an Elasticsearch index named
        // "logs" reaches GET /logs/_refresh rather than GET /logs/:id.
        IngestModule,
        LogsModule,
      ],
      providers: [
        // Here, in the root module, so its destroy hook drains requests before any other module stops.
        GracefulShutdown,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadBodyInterceptor },
      ],
    };
  }
}
