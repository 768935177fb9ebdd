import type { Namespace } from 'socket.io';
import type { SealedBlock } from './log-store';

/**
 * Live delivery across nodes. On one node there is nobody to tell (`NoFanOut`); in a cluster each
 * node relays what it stored to the others over the Socket.IO Redis adapter (`ClusterRelay`), and
 * each delivers to its own dashboards.
 */
export abstract class NodeFanOut {
  /** Called once the Socket.IO namespace exists. */
  abstract attach(namespace: Namespace): void;
  /** Tells the other nodes about a block this node stored; it crosses the wire still sealed. */
  abstract send(epoch: number, block: SealedBlock): void;
  abstract onReceive(handler: (epoch: number, block: SealedBlock) => void): void;
}

export class NoFanOut extends NodeFanOut {
  attach(): void {
    return undefined;
  }

  send(): void {
    return undefined;
  }

  onReceive(): void {
    return undefined;
  }
}
