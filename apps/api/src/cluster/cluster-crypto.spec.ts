import { SealBrokenError } from '../logs/block-cipher';
import { newDataKey, pseudonymKeyOf, unwrapDataKey, wrapDataKey } from './cluster-crypto';

const kek = newDataKey();

describe('envelope encryption of data keys', () => {
  it('unwraps a data key with the same KEK and epoch', () => {
    const dataKey = newDataKey();
    expect(unwrapDataKey(kek, wrapDataKey(kek, dataKey, 7), 7).equals(dataKey)).toBe(true);
  });

  it('refuses a wrapped key presented for another epoch or under another KEK', () => {
    const wrapped = wrapDataKey(kek, newDataKey(), 7);
    expect(() => unwrapDataKey(kek, wrapped, 6)).toThrow(SealBrokenError);
    expect(() => unwrapDataKey(newDataKey(), wrapped, 7)).toThrow(SealBrokenError);
    expect(() => unwrapDataKey(kek, wrapped.subarray(1), 7)).toThrow(SealBrokenError);
  });
});

describe('pseudonym keys', () => {
  it('are the same on every node of an epoch and differ between epochs', () => {
    const dataKey = newDataKey();
    expect(pseudonymKeyOf(Buffer.from(dataKey)).equals(pseudonymKeyOf(Buffer.from(dataKey)))).toBe(
      true,
    );
    expect(pseudonymKeyOf(dataKey).equals(pseudonymKeyOf(newDataKey()))).toBe(false);
    expect(pseudonymKeyOf(dataKey).equals(dataKey)).toBe(false);
  });
});
