import { OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { BlockCipher, KEY_BYTES } from '../block-cipher';
import type {
  EpochListener,
  EpochState,
  OpenedBlock,
  RotateRequest,
  Sealer,
} from '../ports/sealer';

/**
 * One node's key epoch: a random 32-byte key that never leaves this process's memory, a random
 * IV prefix per key, and a pseudonym key rotated with it so pseudonyms cannot be linked across a
 * panic. Rotation overwrites the old keys, so nothing sealed before can be opened again.
 */
export class LocalSealer implements Sealer, OnApplicationShutdown {
  private cipher = new BlockCipher(1, randomBytes(KEY_BYTES), randomBytes(4).readUInt32BE(0));
  private pseudonym: Buffer = randomBytes(KEY_BYTES);
  private current: EpochState = {
    epoch: 1,
    tag: this.cipher.tag,
    startSeq: 1,
    lockdown: false,
    panicCount: 0,
    lastPanicAt: null,
  };
  private readonly listeners: EpochListener[] = [];

  get state(): EpochState {
    return this.current;
  }

  get pseudonymKey(): Uint8Array {
    return this.pseudonym;
  }

  seal(plaintext: Buffer, firstSeq: number, count: number, bound?: Buffer): Buffer {
    return this.cipher.seal(plaintext, firstSeq, count, bound);
  }

  open(sealed: Buffer, bound?: Buffer): OpenedBlock {
    return this.cipher.open(sealed, bound);
  }

  rotate(request: RotateRequest): void {
    const epoch = this.current.epoch + 1;
    const previous = this.cipher;
    this.cipher = new BlockCipher(epoch, randomBytes(KEY_BYTES), randomBytes(4).readUInt32BE(0));
    previous.destroy();
    this.pseudonym.fill(0);
    this.pseudonym = randomBytes(KEY_BYTES);
    const at = new Date().toISOString();
    this.current = {
      epoch,
      tag: this.cipher.tag,
      startSeq: request.nextSeq,
      lockdown: request.lockdown,
      panicCount: this.current.panicCount + 1,
      lastPanicAt: at,
    };
    for (const listener of this.listeners) {
      listener.epochChanged({
        epoch,
        at,
        cleared: request.cleared,
        lockdown: request.lockdown,
        reason: 'panic',
      });
    }
  }

  resume(): void {
    this.current = { ...this.current, lockdown: false };
    const at = new Date().toISOString();
    for (const listener of this.listeners) listener.resumed(at);
  }

  listen(listener: EpochListener): void {
    this.listeners.push(listener);
  }

  onApplicationShutdown(): void {
    this.cipher.destroy();
    this.pseudonym.fill(0);
  }
}
