import type { AuditEvent } from '@redtail/contracts';
import type { Namespace } from 'socket.io';
import type { BackendHealth, Deployment } from '../logs/ports/deployment';
import type { ClusterAudit } from './cluster-audit';
import type { ClusterLink } from './cluster-link';

/** A node of a cluster: ready while Redis is, on the Redis Socket.IO adapter, every node's audit. */
export class ClusterDeployment implements Deployment {
  readonly clustered = true;

  constructor(
    private readonly link: ClusterLink,
    private readonly audit: ClusterAudit,
  ) {}

  attach(namespace: Namespace): void {
    this.audit.attach(namespace);
  }

  /** Not ready while Redis is unreachable: ingestion answers 503 then, so a balancer should skip the node. */
  health(): BackendHealth {
    return {
      up: this.link.ready,
      details: {
        nodeId: this.link.nodeId,
        epoch: this.link.epoch,
        persistentRedis: this.link.persistentRedis,
      },
    };
  }

  socketAdapter(): unknown {
    return this.link.socketAdapter();
  }

  auditTrail(): Promise<AuditEvent[]> {
    return this.audit.list();
  }
}
