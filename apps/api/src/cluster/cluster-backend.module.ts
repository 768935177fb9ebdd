import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '../app/env';
import { AuditService } from '../auth/audit.service';
import { MetricsService } from '../logs/metrics.service';
import { Counters } from '../logs/ports/counters';
import { Deployment } from '../logs/ports/deployment';
import { LogStore } from '../logs/ports/log-store';
import { NodeFanOut } from '../logs/ports/node-fan-out';
import { Sealer } from '../logs/ports/sealer';
import { ClusterAudit } from './cluster-audit';
import { ClusterCounters } from './cluster-counters';
import { ClusterDeployment } from './cluster-deployment';
import { ClusterLink } from './cluster-link';
import { ClusterRelay } from './cluster-relay';
import { ClusterSealer } from './cluster-sealer';
import { RedisLogStore } from './redis-log.store';

/**
 * The cluster backend, chosen when REDIS_URL is set: the pipeline's ports over Redis. Connects
 * (and checks Redis) before the app starts, so a bad KEK or a persistent Redis stops the boot.
 */
@Global()
@Module({
  providers: [
    { provide: ClusterLink, inject: [Env], useFactory: (env: Env) => ClusterLink.connect(env) },
    {
      provide: LogStore,
      inject: [ClusterLink, Env],
      useFactory: (link: ClusterLink, env: Env) => new RedisLogStore(link, env),
    },
    {
      provide: Sealer,
      inject: [ClusterLink],
      useFactory: (link: ClusterLink) => new ClusterSealer(link),
    },
    {
      provide: Counters,
      inject: [ClusterLink],
      useFactory: (link: ClusterLink) => new ClusterCounters(link, new MetricsService()),
    },
    { provide: NodeFanOut, useFactory: () => new ClusterRelay() },
    {
      provide: Deployment,
      inject: [ClusterLink, AuditService],
      useFactory: (link: ClusterLink, audit: AuditService) =>
        new ClusterDeployment(link, new ClusterAudit(link.nodeId, () => audit.list())),
    },
  ],
  exports: [LogStore, Sealer, Counters, NodeFanOut, Deployment],
})
export class ClusterBackendModule implements OnApplicationShutdown {
  constructor(private readonly link: ClusterLink) {}

  async onApplicationShutdown(): Promise<void> {
    await this.link.close();
  }
}
