import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { ReadBodyInterceptor } from '../body/read-body.interceptor';
import { ClusterModule } from '../cluster/cluster.module';
import { HealthModule } from '../health/health.module';
import { IngestModule } from '../ingest/ingest.module';
import { LogsModule } from '../logs/logs.module';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { EnvModule } from './env.module';
import { createValidationPipe } from './validation';

@Module({
  // IngestModule before LogsModule: its routes are registered first, so an Elasticsearch index
  // named "logs" reaches GET /logs/_refresh rather than GET /logs/:id.
  imports: [EnvModule, AuthModule, ClusterModule, HealthModule, IngestModule, LogsModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_INTERCEPTOR, useClass: ReadBodyInterceptor },
  ],
})
export class AppModule {}
