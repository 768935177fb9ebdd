import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { AuthModule } from '../auth/auth.module';
import { ClusterModule } from '../cluster/cluster.module';
import { HealthModule } from '../health/health.module';
import { LogsModule } from '../logs/logs.module';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { dashboardStaticOptions } from './dashboard-static';
import { Env } from './env';
import { EnvModule } from './env.module';
import { createValidationPipe } from './validation';

@Module({
  imports: [
    EnvModule,
    ServeStaticModule.forRootAsync({
      inject: [Env],
      useFactory: dashboardStaticOptions,
    }),
    AuthModule,
    ClusterModule,
    HealthModule,
    LogsModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
