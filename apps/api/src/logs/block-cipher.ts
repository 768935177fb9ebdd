import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** firstSeq (float64) + count (uint32) + IV; kept in clear and bound to the ciphertext as AAD. */
const HEADER_BYTES = 8 + 4 + IV_BYTES;
const AAD_BYTES = 4 + 8 + 4;
/** Highest IV prefix: it fills the first 4 IV bytes. */
export const MAX_IV_PREFIX = 2 ** 32 - 1;

/** Thrown when a sealed block was tampered with, moved, or belongs to another key. */
export class SealBrokenError extends Error {
  constructor() {
    super('Sealed block failed authentication');
    this.name = 'SealBrokenError';
  }
}

/**
 * The one AES-256-GCM code path, for a single node and for a cluster alike. A block is one or
 * more consecutive entries sealed together: header (firstSeq, count, IV) ‖ ciphertext ‖ tag.
 *
 * IV = a 4-byte prefix fixed per key ‖ a 64-bit counter of seals under this key: deterministic
 * IVs (NIST SP 800-38D §8.2.1) never repeat within a key, whose limit is 2^64 seals rather than
 * the 2^32 of random IVs. The counter is a JS number, so this refuses to seal past 2^53
 * (centuries at a million seals a second) rather than wrap. In a cluster every node seals under
 * the same key, so each takes its own prefix from Redis.
 *
 * AAD = epoch ‖ firstSeq ‖ count ‖ `bound`, so a block cannot be replayed under another epoch,
 * moved to another position, or have the clear metadata stored beside it edited. Each entry also
 * carries its own seq inside the ciphertext, checked on read.
 */
export class BlockCipher {
  private counter = 0;
  /**
   * Tells this key's epoch from another with the same number (a restarted node starts at epoch 1
   * again): an HMAC of a fixed label under the key, so it says nothing of the key itself, and
   * every node of a cluster, holding the same key, derives the same tag.
   */
  readonly tag: string;

  constructor(
    readonly epoch: number,
    private readonly key: Buffer,
    private readonly ivPrefix: number,
  ) {
    if (key.length !== KEY_BYTES) throw new Error('AES-256 needs a 32-byte key');
    if (!Number.isInteger(ivPrefix) || ivPrefix < 0 || ivPrefix > MAX_IV_PREFIX) {
      throw new Error('IV prefix out of range; start a new epoch');
    }
    this.tag = createHmac('sha256', key)
      .update('redtail epoch tag')
      .digest('base64url')
      .slice(0, 16);
  }

  /** Bytes a plaintext of `length` bytes occupies once sealed. */
  static sealedLength(length: number): number {
    return HEADER_BYTES + length + TAG_BYTES;
  }

  seal(plaintext: Buffer, firstSeq: number, count: number, bound?: Buffer): Buffer {
    if (this.counter >= Number.MAX_SAFE_INTEGER) {
      throw new Error('Seal counter exhausted; rotate the key');
    }
    const sealed = Buffer.allocUnsafe(BlockCipher.sealedLength(plaintext.length));
    sealed.writeDoubleBE(firstSeq, 0);
    sealed.writeUInt32BE(count, 8);
    const iv = sealed.subarray(12, HEADER_BYTES);
    iv.writeUInt32BE(this.ivPrefix, 0);
    iv.writeUInt32BE(Math.floor(this.counter / 2 ** 32), 4);
    iv.writeUInt32BE(this.counter % 2 ** 32, 8);
    this.counter += 1;

    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(this.aad(firstSeq, count, bound));
    const body = cipher.update(plaintext);
    cipher.final();
    body.copy(sealed, HEADER_BYTES);
    cipher.getAuthTag().copy(sealed, HEADER_BYTES + body.length);
    return sealed;
  }

  /** Throws `SealBrokenError` on any mismatch. */
  open(sealed: Buffer, bound?: Buffer): { plaintext: Buffer; firstSeq: number; count: number } {
    if (sealed.length < HEADER_BYTES + TAG_BYTES) throw new SealBrokenError();
    const firstSeq = sealed.readDoubleBE(0);
    const count = sealed.readUInt32BE(8);
    const iv = sealed.subarray(12, HEADER_BYTES);
    const tagAt = sealed.length - TAG_BYTES;
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, iv);
      decipher.setAAD(this.aad(firstSeq, count, bound));
      decipher.setAuthTag(sealed.subarray(tagAt));
      const plaintext = decipher.update(sealed.subarray(HEADER_BYTES, tagAt));
      decipher.final();
      return { plaintext, firstSeq, count };
    } catch {
      throw new SealBrokenError();
    }
  }

  /** Overwrites the key bytes: nothing sealed under this key can be opened here again. */
  destroy(): void {
    this.key.fill(0);
  }

  private aad(firstSeq: number, count: number, bound: Buffer | undefined): Buffer {
    const aad = Buffer.allocUnsafe(AAD_BYTES + (bound?.length ?? 0));
    aad.writeUInt32BE(this.epoch, 0);
    aad.writeDoubleBE(firstSeq, 4);
    aad.writeUInt32BE(count, 12);
    bound?.copy(aad, AAD_BYTES);
    return aad;
  }
}
