import type {
  EpochListener,
  EpochState,
  OpenedBlock,
  RotateRequest,
  Sealer,
} from '../logs/ports/sealer';
import type { ClusterLink } from './cluster-link';

/**
 * The cluster's key epoch: one data key per epoch, shared by every node through Redis wrapped
 * under the KEK (`ClusterLink` holds it unwrapped, in memory only). Sealing uses the same
 * `BlockCipher` as a single node, with this node's own IV prefix. Rotation is the cluster-wide
 * panic; every node hears of it (this one included) through the link.
 */
export class ClusterSealer implements Sealer {
  constructor(private readonly link: ClusterLink) {}

  get state(): EpochState {
    return this.link.state;
  }

  get pseudonymKey(): Uint8Array {
    return this.link.pseudonymKey;
  }

  seal(plaintext: Buffer, firstSeq: number, count: number, bound?: Buffer): Buffer {
    return this.link.cipher.seal(plaintext, firstSeq, count, bound);
  }

  open(sealed: Buffer, bound?: Buffer): OpenedBlock {
    return this.link.cipher.open(sealed, bound);
  }

  /** Redis knows the cluster's next seq itself, so `request.nextSeq` is not needed here. */
  rotate(request: RotateRequest): Promise<void> {
    return this.link.panic(request.lockdown, request.cleared);
  }

  resume(): Promise<void> {
    return this.link.resume();
  }

  listen(listener: EpochListener): void {
    this.link.listen(listener);
  }
}
