import type { Namespace } from 'socket.io';
import type { SealedBlock } from '../logs/ports/log-store';
import type { NodeFanOut } from '../logs/ports/node-fan-out';
import { decodeMember, encodeMember } from './block-wire';

const RELAY_EVENT = 'redtail:sealed';

/** One node's stored block as it travels to the others. */
interface RelayedBlock {
  epoch: number;
  /** base64 of the stored member: the adapters serialise server-side events as JSON. */
  block: string;
}

/**
 * Live fan-out between nodes over the Socket.IO Redis adapter's server-side events. Each node
 * then delivers to its own dashboards with its own filter groups and slow-client queues, so
 * nothing about those changes with a cluster. Blocks cross Redis sealed, in the same form the
 * store keeps them: the adapter never carries readable logs.
 */
export class ClusterRelay implements NodeFanOut {
  private namespace: Namespace | undefined;
  private handler: ((epoch: number, block: SealedBlock) => void) | undefined;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(RELAY_EVENT, (relayed: RelayedBlock) => this.receive(relayed));
  }

  onReceive(handler: (epoch: number, block: SealedBlock) => void): void {
    this.handler = handler;
  }

  send(epoch: number, block: SealedBlock): void {
    const relayed: RelayedBlock = { epoch, block: encodeMember(block).toString('base64') };
    this.namespace?.serverSideEmit(RELAY_EVENT, relayed);
  }

  private receive(relayed: RelayedBlock): void {
    if (typeof relayed?.epoch !== 'number' || typeof relayed.block !== 'string') return;
    let block: SealedBlock;
    try {
      block = decodeMember(Buffer.from(relayed.block, 'base64'));
    } catch {
      return;
    }
    this.handler?.(relayed.epoch, block);
  }
}
