import type { Namespace } from 'socket.io';

const RELAY_EVENT = 'redtail:sealed';

/** One node's accepted entries as they travel to the other nodes: still sealed, metadata in clear. */
export interface RelayedBatch {
  epoch: number;
  records: RelayedRecord[];
}

export interface RelayedRecord {
  seq: number;
  level: number;
  service: string;
  timestamp: number;
  receivedAt: number;
  /** base64: the adapters serialise server-side events as JSON. */
  sealed: string;
}

/**
 * Live fan-out between nodes over the Socket.IO Redis adapter's server-side
 * events. Each node then delivers to its own dashboards with its own filter
 * groups and slow-client queues, so nothing about those changes with a
 * cluster. Entries cross Redis sealed: the adapter never carries readable logs.
 */
export class ClusterRelay {
  private namespace: Namespace | undefined;
  private handler: ((batch: RelayedBatch) => void) | undefined;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(RELAY_EVENT, (batch: RelayedBatch) => this.handler?.(batch));
  }

  onBatch(handler: (batch: RelayedBatch) => void): void {
    this.handler = handler;
  }

  send(batch: RelayedBatch): void {
    this.namespace?.serverSideEmit(RELAY_EVENT, batch);
  }
}
