import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { KEY_BYTES, SealBrokenError } from '../logs/block-cipher';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAP_CONTEXT = 'redtail-cluster-data-key';
const PSEUDONYM_CONTEXT = 'redtail-pseudonym-key';

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
 * The masker's pseudonym key for an epoch, derived from its data key: every node pseudonymises
 * alike, and a panic (a new data key) unlinks every earlier pseudonym.
 */
export function pseudonymKeyOf(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), PSEUDONYM_CONTEXT, KEY_BYTES));
}

function wrapAad(epoch: number): Buffer {
  const aad = Buffer.alloc(WRAP_CONTEXT.length + 4);
  aad.write(WRAP_CONTEXT, 0);
  aad.writeUInt32BE(epoch, WRAP_CONTEXT.length);
  return aad;
}
