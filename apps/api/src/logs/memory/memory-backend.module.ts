import { Global, Module } from '@nestjs/common';
import { Env } from '../../app/env';
import { MetricsService } from '../metrics.service';
import { Counters } from '../ports/counters';
import { Deployment } from '../ports/deployment';
import { LogStore } from '../ports/log-store';
import { NodeFanOut, NoFanOut } from '../ports/node-fan-out';
import { Sealer } from '../ports/sealer';
import { ArenaLogStore } from './arena-log.store';
import { LocalSealer } from './local-sealer';
import { SealedArena } from './sealed-arena';
import { SingleNode } from './single-node';

/** The single-node backend: everything in this process's memory, nothing on the network. */
@Global()
@Module({
  providers: [
    {
      provide: LogStore,
      inject: [Env],
      useFactory: (env: Env) =>
        new ArenaLogStore(
          new SealedArena({ maxEntries: env.LOG_MAX_ENTRIES, maxBytes: env.LOG_MAX_BYTES }),
        ),
    },
    { provide: Sealer, useClass: LocalSealer },
    { provide: Counters, useFactory: () => new MetricsService() },
    { provide: NodeFanOut, useClass: NoFanOut },
    { provide: Deployment, useClass: SingleNode },
  ],
  exports: [LogStore, Sealer, Counters, NodeFanOut, Deployment],
})
export class MemoryBackendModule {}
