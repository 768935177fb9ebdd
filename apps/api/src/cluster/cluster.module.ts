import { Global, Inject, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Env } from '../app/env';
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
  ],
  exports: [ClusterLink, ClusterRelay],
})
export class ClusterModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(ClusterLink) private readonly link: ClusterLink | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.link?.close();
  }
}
