import { Global, Inject, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Env } from '../app/env';
import { AuditService } from '../auth/audit.service';
import { ClusterAudit } from './cluster-audit';
import { ClusterLink } from './cluster-link';
import { ClusterRelay } from './cluster-relay';

/**
 * Cluster mode when REDIS_URL is set: connects (and checks Redis) before the
 * app starts, so a bad KEK or a persistent Redis stops the boot. Without
 * REDIS_URL, `ClusterLink` is null and nothing here touches the network.
 */
@Global()
@Module({
  providers: [
    {
      provide: ClusterLink,
      inject: [Env],
      useFactory: (env: Env): Promise<ClusterLink> | null =>
        env.REDIS_URL ? ClusterLink.connect(env) : null,
    },
    { provide: ClusterRelay, useFactory: () => new ClusterRelay() },
    {
      provide: ClusterAudit,
      inject: [AuditService, ClusterLink],
      useFactory: (audit: AuditService, link: ClusterLink | null): ClusterAudit | null =>
        link ? new ClusterAudit(audit, link.nodeId) : null,
    },
  ],
  exports: [ClusterLink, ClusterRelay, ClusterAudit],
})
export class ClusterModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(ClusterLink) private readonly link: ClusterLink | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.link?.close();
  }
}
