import { CryptoService, SealBrokenError } from './crypto.service';

describe('CryptoService', () => {
  const plaintext = Buffer.from('["masked entry",1]');

  it('opens what it sealed', () => {
    const crypto = new CryptoService();
    const sealed = crypto.seal(plaintext, 7, 1);
    expect(crypto.open(sealed).equals(plaintext)).toBe(true);
  });

  it('does not keep the plaintext visible in the sealed bytes', () => {
    const crypto = new CryptoService();
    const sealed = crypto.seal(Buffer.from('jane.doe@example.com'), 1, 1);
    expect(sealed.includes('jane.doe')).toBe(false);
  });

  it('never reuses an IV under one key', () => {
    const crypto = new CryptoService();
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      ivs.add(crypto.seal(plaintext, i, 1).subarray(12, 24).toString('hex'));
    }
    expect(ivs.size).toBe(1000);
  });

  it.each([
    ['the ciphertext', 30],
    ['the tag', -1],
    ['the IV', 14],
  ])('refuses to open a block whose %s was altered', (_part, position) => {
    const crypto = new CryptoService();
    const sealed = crypto.seal(plaintext, 1, 1);
    const at = position < 0 ? sealed.length + position : position;
    sealed[at] ^= 0x01;
    expect(() => crypto.open(sealed)).toThrow(SealBrokenError);
  });

  it('refuses a block moved to another position (seq is authenticated)', () => {
    const crypto = new CryptoService();
    const sealed = crypto.seal(plaintext, 5, 1);
    sealed.writeDoubleBE(6, 0);
    expect(() => crypto.open(sealed)).toThrow(SealBrokenError);
  });

  it('cannot open anything sealed before a rotation', () => {
    const crypto = new CryptoService();
    const sealed = crypto.seal(plaintext, 1, 1);
    expect(crypto.rotate()).toBe(2);
    expect(crypto.epoch).toBe(2);
    expect(() => crypto.open(sealed)).toThrow(SealBrokenError);
  });

  it('overwrites the old key and pseudonym key with zeros on rotation', () => {
    const crypto = new CryptoService();
    const internals = crypto as unknown as { key: Buffer };
    const oldKey = internals.key;
    const oldPseudonymKey = crypto.pseudonymKey;
    crypto.rotate();
    expect(oldKey.every((byte) => byte === 0)).toBe(true);
    expect(oldPseudonymKey.every((byte) => byte === 0)).toBe(true);
    expect(crypto.pseudonymKey.some((byte) => byte !== 0)).toBe(true);
  });
});
