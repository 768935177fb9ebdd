import { Module } from '@nestjs/common';
import { createMasker } from '@redtail/masking';
import { Env } from '../app/env';
import { LogMasker } from './log-masker';
import { LogService } from './log.service';
import { LogsController } from './logs.controller';
import { LogsGateway } from './logs.gateway';
import { MetricsController } from './metrics.controller';
import { PipelineWarmup } from './pipeline-warmup';
import { PrometheusExporter } from './prometheus.exporter';
import { Sealer } from './ports/sealer';
import { scanLimitsOf, ScanScheduler } from './scan-scheduler';

/**
 * The pipeline (ingest → mask → number → seal → store → count → broadcast → fan out) and its HTTP
 * and Socket.IO faces. Its ports (`LogStore`, `Sealer`, `Counters`, `NodeFanOut`, `Deployment`)
 * come from the backend module the app chose at start-up: memory or cluster.
 */
@Module({
  controllers: [LogsController, MetricsController],
  providers: [
    LogService,
    LogsGateway,
    PrometheusExporter,
    PipelineWarmup,
    {
      // One event loop per process, so one scheduler for every scan in it.
      provide: ScanScheduler,
      inject: [Env],
      useFactory: (env: Env): ScanScheduler => new ScanScheduler(scanLimitsOf(env)),
    },
    {
      provide: LogMasker,
      inject: [Env, Sealer],
      useFactory: (env: Env, sealer: Sealer): LogMasker =>
        createMasker({ mode: env.REDTAIL_MASK_MODE, pseudonymKey: sealer.pseudonymKey }),
    },
  ],
  exports: [LogService],
})
export class LogsModule {}
