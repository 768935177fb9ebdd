import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

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

/** Keyed HMAC-SHA256 tags; replacing the key breaks every link to earlier tags. */
export class PseudonymKey {
  private key: KeyObject;

  constructor(key: Uint8Array) {
    this.key = PseudonymKey.import(key);
  }

  replace(key: Uint8Array): void {
    this.key = PseudonymKey.import(key);
  }

  tag(type: string, value: string): string {
    return createHmac('sha256', this.key)
      .update(type)
      .update('\u0000')
      .update(canonical(type, value))
      .digest('hex')
      .slice(0, PSEUDONYM_HEX_LENGTH);
  }

  private static import(key: Uint8Array): KeyObject {
    assertPseudonymKey(key);
    // createSecretKey copies the bytes, so a caller that later wipes its buffer changes nothing here.
    return createSecretKey(Uint8Array.from(key));
  }
}
