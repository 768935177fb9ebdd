import type { AuditEvent } from '@redtail/contracts';
import type { Namespace } from 'socket.io';
import { newestFirst } from '../auth/audit.service';

const AUDIT_REQUEST = 'redtail:audit';

/**
 * The audit trail across a cluster. Each node keeps its own trail as a single node does (in
 * memory, folded, bounded); `GET /audit` on any node also asks every other node for its trail
 * over the Socket.IO adapter's server-side events, so an admin sees a panic or a burst of refused
 * keys whichever node took it. Every event says which node recorded it.
 */
export class ClusterAudit {
  private namespace: Namespace | undefined;

  constructor(
    private readonly nodeId: string,
    /** This node's own trail. */
    private readonly local: () => AuditEvent[],
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(AUDIT_REQUEST, (reply: (events: AuditEvent[]) => void) =>
      reply(this.tagged(this.local())),
    );
  }

  /**
   * Most recently seen first, as on one node. A node that does not answer within the adapter's
   * request timeout is left out.
   */
  async list(): Promise<AuditEvent[]> {
    const others = await this.fromOtherNodes();
    return [...this.tagged(this.local()), ...others.flat()].sort(newestFirst);
  }

  private tagged(events: AuditEvent[]): AuditEvent[] {
    return events.map((event) => ({ ...event, node: this.nodeId }));
  }

  private fromOtherNodes(): Promise<AuditEvent[][]> {
    const namespace = this.namespace;
    if (!namespace) return Promise.resolve([]);
    return new Promise((resolve) => {
      // On a timeout the adapter still passes the answers that did arrive.
      namespace.serverSideEmit(AUDIT_REQUEST, (_error: Error | null, answers: unknown[]) =>
        resolve((answers ?? []).filter(Array.isArray) as AuditEvent[][]),
      );
    });
  }
}
