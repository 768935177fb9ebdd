import { Module } from '@nestjs/common';
import { createMasker } from '@redtail/masking';
import { Env } from '../app/env';
import { ClusterLink } from '../cluster/cluster-link';
import { ClusterLogService } from '../cluster/cluster-log.service';
import { ClusterRelay } from '../cluster/cluster-relay';
import { RedisLogStore } from '../cluster/redis-log.store';
import { CryptoService } from './crypto.service';
import { LogBroadcaster } from './log-broadcaster';
import { LogMasker } from './log-masker';
import { LogPipeline } from './log-pipeline';
import { LogService } from './log.service';
import { LogStore } from './log.store';
import { LogsController } from './logs.controller';
import { LogsGateway } from './logs.gateway';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { PrometheusExporter } from './prometheus.exporter';

/** The pipeline: ingest → mask → seal → store → count → broadcast, plus its HTTP and Socket.IO faces. */
@Module({
  controllers: [LogsController, MetricsController],
  providers: [
    CryptoService,
    LogService,
    LogsGateway,
    PrometheusExporter,
    { provide: LogBroadcaster, useFactory: () => new LogBroadcaster() },
    { provide: MetricsService, useFactory: () => new MetricsService() },
    {
      provide: LogStore,
      inject: [Env],
      useFactory: (env: Env) =>
        new LogStore({ maxEntries: env.LOG_MAX_ENTRIES, maxBytes: env.LOG_MAX_BYTES }),
    },
    {
      // One pipeline per node: this process's, or the Redis-backed one in cluster mode.
      provide: LogPipeline,
      inject: [
        Env,
        ClusterLink,
        ClusterRelay,
        LogService,
        MetricsService,
        LogMasker,
        LogBroadcaster,
      ],
      useFactory: (
        env: Env,
        link: ClusterLink | null,
        relay: ClusterRelay,
        local: LogService,
        metrics: MetricsService,
        masker: LogMasker,
        broadcaster: LogBroadcaster,
      ): LogPipeline =>
        link
          ? new ClusterLogService(
              link,
              new RedisLogStore(link, env.LOG_MAX_ENTRIES),
              metrics,
              masker,
              broadcaster,
              relay,
              env,
            )
          : local,
    },
    {
      provide: LogMasker,
      inject: [Env, CryptoService],
      useFactory: (env: Env, crypto: CryptoService): LogMasker =>
        createMasker({ mode: env.REDTAIL_MASK_MODE, pseudonymKey: crypto.pseudonymKey }),
    },
  ],
  exports: [LogService, LogPipeline],
})
export class LogsModule {}
