import { SealBrokenError } from '../logs/crypto.service';
import { EpochCipher, newDataKey, unwrapDataKey, wrapDataKey } from './cluster-crypto';

const kek = newDataKey();
const meta = {
  level: 2,
  service: 'billing',
  timestamp: 1_700_000_000_000,
  receivedAt: 1_700_000_000_001,
};

describe('envelope encryption of data keys', () => {
  it('unwraps a data key with the same KEK and epoch', () => {
    const dataKey = newDataKey();
    expect(unwrapDataKey(kek, wrapDataKey(kek, dataKey, 7), 7).equals(dataKey)).toBe(true);
  });

  it('refuses a wrapped key presented for another epoch or under another KEK', () => {
    const wrapped = wrapDataKey(kek, newDataKey(), 7);
    expect(() => unwrapDataKey(kek, wrapped, 6)).toThrow(SealBrokenError);
    expect(() => unwrapDataKey(newDataKey(), wrapped, 7)).toThrow(SealBrokenError);
  });
});

describe('EpochCipher', () => {
  it('opens what any node sealed under the shared key', () => {
    const key = newDataKey();
    const sealed = new EpochCipher(3, Buffer.from(key), 1).seal(Buffer.from('hello'), meta);
    expect(new EpochCipher(3, Buffer.from(key), 2).open(sealed, meta).toString()).toBe('hello');
  });

  it('never repeats an IV across nodes sharing a key', () => {
    const key = newDataKey();
    const ivs = new Set<string>();
    for (const prefix of [1, 2]) {
      const cipher = new EpochCipher(3, Buffer.from(key), prefix);
      for (let i = 0; i < 100; i += 1) {
        ivs.add(cipher.seal(Buffer.from('x'), meta).subarray(0, 12).toString('hex'));
      }
    }
    expect(ivs.size).toBe(200);
  });

  it('detects edited clear metadata, another epoch and a destroyed key', () => {
    const key = newDataKey();
    const cipher = new EpochCipher(3, Buffer.from(key), 1);
    const sealed = cipher.seal(Buffer.from('hello'), meta);
    expect(() => cipher.open(sealed, { ...meta, level: 5 })).toThrow(SealBrokenError);
    expect(() => cipher.open(sealed, { ...meta, service: 'other' })).toThrow(SealBrokenError);
    expect(() => new EpochCipher(4, Buffer.from(key), 1).open(sealed, meta)).toThrow(
      SealBrokenError,
    );
    cipher.destroy();
    expect(() => cipher.open(sealed, meta)).toThrow(SealBrokenError);
  });

  it('derives the same pseudonym key on every node and a different one per epoch key', () => {
    const key = newDataKey();
    const a = new EpochCipher(3, Buffer.from(key), 1).pseudonymKey;
    const b = new EpochCipher(3, Buffer.from(key), 2).pseudonymKey;
    expect(a.equals(b)).toBe(true);
    expect(a.equals(new EpochCipher(4, newDataKey(), 1).pseudonymKey)).toBe(false);
    expect(a.equals(key)).toBe(false);
  });

  it('refuses an IV prefix Redis could not have handed out', () => {
    expect(() => new EpochCipher(1, newDataKey(), 0)).toThrow(/IV prefix/);
    expect(() => new EpochCipher(1, newDataKey(), 2 ** 32)).toThrow(/IV prefix/);
  });
});
