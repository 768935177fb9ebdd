import { createHmac } from 'node:crypto';

export const MIN_PSEUDONYM_KEY_BYTES = 16;
// 32 bits: enough to tell values in one incident apart, too short to be a useful digest.
const PSEUDONYM_HEX_LENGTH = 8;

/** Spellings of one value that should correlate: case of an email, layout of a number. */
function canonical(type: string, value: string): string {
  switch (type) {
    case 'EMAIL':
      return value.replace('%40', '@').toLowerCase();
    case 'IPV6':
      return value.toLowerCase();
    case 'PHONE':
    case 'CREDIT_CARD':
    case 'US_SSN':
      return value.replace(/[^\d+]/g, '');
    case 'IBAN':
      return value.replace(/ /g, '').toUpperCase();
    default:
      return value;
  }
}

export function assertPseudonymKey(key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length < MIN_PSEUDONYM_KEY_BYTES) {
    throw new TypeError(
      `pseudonymKey must be a Uint8Array of at least ${MIN_PSEUDONYM_KEY_BYTES} bytes`,
    );
  }
}

/**
 * Keyed HMAC-SHA256 tags; replacing the key breaks every link to earlier tags. The key lives in
 * exactly one buffer owned here (a KeyObject would keep a copy no one can wipe), and that buffer
 * is zeroed as soon as a new key replaces it. The caller's array is copied, never kept, so the
 * caller may wipe it right after handing it over.
 */
export class PseudonymKey {
  private key: Buffer;

  constructor(key: Uint8Array) {
    this.key = PseudonymKey.copy(key);
  }

  replace(key: Uint8Array): void {
    const next = PseudonymKey.copy(key);
    this.key.fill(0);
    this.key = next;
  }

  tag(type: string, value: string): string {
    return createHmac('sha256', this.key)
      .update(type)
      .update('\u0000')
      .update(canonical(type, value))
      .digest('hex')
      .slice(0, PSEUDONYM_HEX_LENGTH);
  }

  private static copy(key: Uint8Array): Buffer {
    assertPseudonymKey(key);
    // `alloc`, not `from`: a small `Buffer.from` copy lands in Node's shared pool, where other
    // data would sit beside the key and zeroing would not free the slab.
    const owned = Buffer.alloc(key.length);
    owned.set(key);
    return owned;
  }
}
