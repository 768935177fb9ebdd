import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { SealBrokenError } from '../logs/crypto.service';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAP_CONTEXT = 'redtail-cluster-data-key';
const PSEUDONYM_CONTEXT = 'redtail-pseudonym-key';
/** The node prefix fills the first 4 IV bytes; Redis hands out at most this many per epoch. */
export const MAX_IV_PREFIX = 2 ** 32 - 1;

/** Clear fields stored beside an entry's ciphertext; bound to it as AAD so they cannot be edited. */
export interface SealedMeta {
  level: number;
  service: string;
  timestamp: number;
  receivedAt: number;
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** iv ‖ ciphertext ‖ tag of `dataKey` under the KEK, bound to `epoch` so an old wrapped key cannot be swapped in. */
export function wrapDataKey(kek: Buffer, dataKey: Buffer, epoch: number): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, kek, iv);
  cipher.setAAD(wrapAad(epoch));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Throws `SealBrokenError` when the wrapped key was made under another KEK or for another epoch. */
export function unwrapDataKey(kek: Buffer, wrapped: Buffer, epoch: number): Buffer {
  if (wrapped.length !== IV_BYTES + KEY_BYTES + TAG_BYTES) throw new SealBrokenError();
  try {
    const decipher = createDecipheriv(ALGORITHM, kek, wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(wrapAad(epoch));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES + KEY_BYTES));
    const key = decipher.update(wrapped.subarray(IV_BYTES, IV_BYTES + KEY_BYTES));
    decipher.final();
    return key;
  } catch {
    throw new SealBrokenError();
  }
}

/**
 * One epoch's data key as a node holds it. Every node seals under the same key,
 * so IV uniqueness cannot rest on randomness: IV = the node's 4-byte prefix
 * (a Redis INCR, unique per epoch) ‖ a 64-bit counter of this node's seals.
 * Entries are sealed one by one because Redis assigns their seq after sealing;
 * AAD = epoch + the clear metadata stored beside the ciphertext.
 */
export class EpochCipher {
  private counter = 0;
  readonly pseudonymKey: Buffer;

  constructor(
    readonly epoch: number,
    private readonly key: Buffer,
    private readonly ivPrefix: number,
  ) {
    if (!Number.isInteger(ivPrefix) || ivPrefix < 1 || ivPrefix > MAX_IV_PREFIX) {
      throw new Error('IV prefix out of range; start a new epoch');
    }
    this.pseudonymKey = Buffer.from(
      hkdfSync('sha256', key, Buffer.alloc(0), PSEUDONYM_CONTEXT, KEY_BYTES),
    );
  }

  seal(plaintext: Buffer, meta: SealedMeta): Buffer {
    if (this.counter >= Number.MAX_SAFE_INTEGER) throw new Error('Seal counter exhausted');
    const iv = Buffer.allocUnsafe(IV_BYTES);
    iv.writeUInt32BE(this.ivPrefix, 0);
    iv.writeUInt32BE(Math.floor(this.counter / 2 ** 32), 4);
    iv.writeUInt32BE(this.counter % 2 ** 32, 8);
    this.counter += 1;
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(this.aad(meta));
    const body = cipher.update(plaintext);
    cipher.final();
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  open(sealed: Buffer, meta: SealedMeta): Buffer {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealBrokenError();
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(this.aad(meta));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plaintext = decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES));
      decipher.final();
      return plaintext;
    } catch {
      throw new SealBrokenError();
    }
  }

  /** Overwrites the key bytes: nothing sealed under this epoch can be opened by this node again. */
  destroy(): void {
    this.key.fill(0);
    this.pseudonymKey.fill(0);
  }

  private aad(meta: SealedMeta): Buffer {
    const service = Buffer.from(meta.service);
    const aad = Buffer.allocUnsafe(4 + 1 + 8 + 8 + service.length);
    aad.writeUInt32BE(this.epoch, 0);
    aad.writeUInt8(meta.level, 4);
    aad.writeDoubleBE(meta.timestamp, 5);
    aad.writeDoubleBE(meta.receivedAt, 13);
    service.copy(aad, 21);
    return aad;
  }
}

function wrapAad(epoch: number): Buffer {
  const aad = Buffer.alloc(WRAP_CONTEXT.length + 4);
  aad.write(WRAP_CONTEXT, 0);
  aad.writeUInt32BE(epoch, WRAP_CONTEXT.length);
  return aad;
}
