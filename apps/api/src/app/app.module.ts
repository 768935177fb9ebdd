import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { ClusterModule } from '../cluster/cluster.module';
import { HealthModule } from '../health/health.module';
import { LogsModule } from '../logs/logs.module';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { EnvModule } from './env.module';
import { GracefulShutdown } from './graceful-shutdown';
import { createValidationPipe } from './validation';

@Module({
  imports: [EnvModule, AuthModule, ClusterModule, HealthModule, LogsModule],
  providers: [
    // Here, in the root module, so its destroy hook drains requests before any other module stops.
    GracefulShutdown,
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
