import { randomBytes } from 'node:crypto';
import { BlockCipher, KEY_BYTES, SealBrokenError } from './block-cipher';

const plaintext = Buffer.from('[1,"masked entry"]');
const cipher = (epoch = 1, key = randomBytes(KEY_BYTES), prefix = 7) =>
  new BlockCipher(epoch, key, prefix);

describe('BlockCipher', () => {
  it('opens what it sealed, with the seq range it was sealed at', () => {
    const sealer = cipher();
    const opened = sealer.open(sealer.seal(plaintext, 7, 3));
    expect(opened).toEqual({ plaintext, firstSeq: 7, count: 3 });
  });

  it('does not keep the plaintext visible in the sealed bytes', () => {
    const sealed = cipher().seal(Buffer.from('jane.doe@example.com'), 1, 1);
    expect(sealed.includes('jane.doe')).toBe(false);
  });

  it('never reuses an IV under one key, even across nodes sharing it', () => {
    const key = randomBytes(KEY_BYTES);
    const ivs = new Set<string>();
    for (const prefix of [1, 2]) {
      const node = cipher(1, Buffer.from(key), prefix);
      for (let i = 0; i < 500; i += 1)
        ivs.add(node.seal(plaintext, i, 1).subarray(12, 24).toString('hex'));
    }
    expect(ivs.size).toBe(1000);
  });

  it('opens on another node holding the same epoch key', () => {
    const key = randomBytes(KEY_BYTES);
    const sealed = cipher(3, Buffer.from(key), 1).seal(plaintext, 9, 1);
    expect(cipher(3, Buffer.from(key), 2).open(sealed).plaintext).toEqual(plaintext);
  });

  it('tags its epoch alike on every node holding the key, and unlike any other key', () => {
    const key = randomBytes(KEY_BYTES);
    const tag = cipher(1, Buffer.from(key), 1).tag;
    expect(cipher(1, Buffer.from(key), 2).tag).toBe(tag);
    expect(cipher(1).tag).not.toBe(tag);
    expect(tag).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(tag).not.toContain(key.toString('base64url').slice(0, 8));
  });

  it.each([
    ['the ciphertext', 30],
    ['the tag', -1],
    ['the IV', 14],
  ])('refuses to open a block whose %s was altered', (_part, position) => {
    const sealer = cipher();
    const sealed = sealer.seal(plaintext, 1, 1);
    const at = position < 0 ? sealed.length + position : position;
    sealed[at] ^= 0x01;
    expect(() => sealer.open(sealed)).toThrow(SealBrokenError);
  });

  it('refuses a block moved to another position or given another count', () => {
    const sealer = cipher();
    const moved = sealer.seal(plaintext, 5, 1);
    moved.writeDoubleBE(6, 0);
    expect(() => sealer.open(moved)).toThrow(SealBrokenError);
    const recounted = sealer.seal(plaintext, 5, 1);
    recounted.writeUInt32BE(2, 8);
    expect(() => sealer.open(recounted)).toThrow(SealBrokenError);
  });

  it('refuses a block presented under another epoch with the same key', () => {
    const key = randomBytes(KEY_BYTES);
    const sealed = cipher(1, Buffer.from(key)).seal(plaintext, 1, 1);
    expect(() => cipher(2, Buffer.from(key)).open(sealed)).toThrow(SealBrokenError);
  });

  it('binds the clear bytes stored beside a block', () => {
    const sealer = cipher();
    const bound = Buffer.from('level=info service=api');
    const sealed = sealer.seal(plaintext, 1, 1, bound);
    expect(sealer.open(sealed, bound).plaintext).toEqual(plaintext);
    expect(() => sealer.open(sealed, Buffer.from('level=info service=web'))).toThrow(
      SealBrokenError,
    );
    expect(() => sealer.open(sealed)).toThrow(SealBrokenError);
  });

  it('cannot open anything once destroyed, and leaves only zeros behind', () => {
    const key = randomBytes(KEY_BYTES);
    const sealer = cipher(1, key);
    const sealed = sealer.seal(plaintext, 1, 1);
    sealer.destroy();
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(() => sealer.open(sealed)).toThrow(SealBrokenError);
  });

  it('refuses keys and IV prefixes it cannot use safely', () => {
    expect(() => cipher(1, randomBytes(16))).toThrow('32-byte key');
    expect(() => cipher(1, randomBytes(KEY_BYTES), 2 ** 32)).toThrow('IV prefix');
  });
});
