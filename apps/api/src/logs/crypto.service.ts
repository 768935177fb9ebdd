import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_PREFIX_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** firstSeq (float64) + count (uint32) + IV; kept in clear and bound to the ciphertext as AAD. */
const HEADER_BYTES = 8 + 4 + IV_BYTES;
const AAD_BYTES = 4 + 8 + 4;

/** Thrown when a sealed block was tampered with or belongs to a rotated key. */
export class SealBrokenError extends Error {
  constructor() {
    super('Sealed block failed authentication');
    this.name = 'SealBrokenError';
  }
}

/**
 * The only holder of key material. Entries are sealed in blocks (one or more
 * consecutive entries) with AES-256-GCM under a random per-epoch key that
 * never leaves this process's memory.
 *
 * IV = 4 random bytes fixed per key + a 64-bit counter of seals under that key,
 * so an IV is never reused within a key: a deterministic construction (NIST
 * SP 800-38D §8.2.1) whose limit is 2^64 seals per key, not the 2^32 of random
 * IVs. The counter is a JS number, so this instance refuses to seal past 2^53
 * (centuries at a million seals a second) rather than wrap.
 *
 * AAD = epoch + first sequence number + entry count, so a block cannot be
 * replayed under another epoch or moved to another position; each entry also
 * carries its own seq inside the ciphertext, checked on read.
 */
@Injectable()
export class CryptoService implements OnApplicationShutdown {
  private key: Buffer = randomBytes(KEY_BYTES);
  private ivPrefix: Buffer = randomBytes(IV_PREFIX_BYTES);
  private counter = 0;
  private currentEpoch = 1;
  private pseudonym: Buffer = randomBytes(KEY_BYTES);

  get epoch(): number {
    return this.currentEpoch;
  }

  /** Key for the masker's keyed pseudonyms; rotated with the epoch so pseudonyms cannot be linked across a panic. */
  get pseudonymKey(): Uint8Array {
    return this.pseudonym;
  }

  /** Bytes a plaintext of `length` bytes occupies once sealed. */
  static sealedLength(length: number): number {
    return HEADER_BYTES + length + TAG_BYTES;
  }

  seal(plaintext: Buffer, firstSeq: number, count: number): Buffer {
    if (this.counter >= Number.MAX_SAFE_INTEGER) {
      throw new Error('Seal counter exhausted; rotate the key');
    }
    const sealed = Buffer.allocUnsafe(CryptoService.sealedLength(plaintext.length));
    sealed.writeDoubleBE(firstSeq, 0);
    sealed.writeUInt32BE(count, 8);
    const iv = sealed.subarray(12, HEADER_BYTES);
    this.ivPrefix.copy(iv, 0);
    iv.writeUInt32BE(Math.floor(this.counter / 2 ** 32), IV_PREFIX_BYTES);
    iv.writeUInt32BE(this.counter % 2 ** 32, IV_PREFIX_BYTES + 4);
    this.counter += 1;

    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(this.aad(firstSeq, count));
    const body = cipher.update(plaintext);
    cipher.final();
    body.copy(sealed, HEADER_BYTES);
    cipher.getAuthTag().copy(sealed, HEADER_BYTES + body.length);
    return sealed;
  }

  /** Returns the plaintext; throws `SealBrokenError` on any mismatch. */
  open(sealed: Buffer): Buffer {
    if (sealed.length < HEADER_BYTES + TAG_BYTES) throw new SealBrokenError();
    const firstSeq = sealed.readDoubleBE(0);
    const count = sealed.readUInt32BE(8);
    const iv = sealed.subarray(12, HEADER_BYTES);
    const tagAt = sealed.length - TAG_BYTES;
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, iv);
      decipher.setAAD(this.aad(firstSeq, count));
      decipher.setAuthTag(sealed.subarray(tagAt));
      const plaintext = decipher.update(sealed.subarray(HEADER_BYTES, tagAt));
      decipher.final();
      return plaintext;
    } catch {
      throw new SealBrokenError();
    }
  }

  /** New key and epoch; the old key bytes are overwritten so nothing sealed before can be opened. */
  rotate(): number {
    this.key.fill(0);
    this.pseudonym.fill(0);
    this.key = randomBytes(KEY_BYTES);
    this.pseudonym = randomBytes(KEY_BYTES);
    this.ivPrefix = randomBytes(IV_PREFIX_BYTES);
    this.counter = 0;
    this.currentEpoch += 1;
    return this.currentEpoch;
  }

  onApplicationShutdown(): void {
    this.key.fill(0);
    this.pseudonym.fill(0);
  }

  private aad(firstSeq: number, count: number): Buffer {
    const aad = Buffer.allocUnsafe(AAD_BYTES);
    aad.writeUInt32BE(this.currentEpoch, 0);
    aad.writeDoubleBE(firstSeq, 4);
    aad.writeUInt32BE(count, 12);
    return aad;
  }
}
