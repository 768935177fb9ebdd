import { PseudonymKey } from './pseudonym';

const keyA = new Uint8Array(32).fill(1);
const keyB = new Uint8Array(32).fill(2);

describe('PseudonymKey', () => {
  it('gives the same value the same 8-hex tag', () => {
    const pseudonyms = new PseudonymKey(keyA);
    const tag = pseudonyms.tag('EMAIL', 'jane@example.com');
    expect(tag).toMatch(/^[0-9a-f]{8}$/);
    expect(pseudonyms.tag('EMAIL', 'jane@example.com')).toBe(tag);
  });

  it('correlates different spellings of one value', () => {
    const pseudonyms = new PseudonymKey(keyA);
    expect(pseudonyms.tag('EMAIL', 'Jane@Example.com')).toBe(
      pseudonyms.tag('EMAIL', 'jane@example.com'),
    );
    expect(pseudonyms.tag('CREDIT_CARD', '4111 1111 1111 1111')).toBe(
      pseudonyms.tag('CREDIT_CARD', '4111-1111-1111-1111'),
    );
    expect(pseudonyms.tag('IBAN', 'DE89 3704 0044 0532 0130 00')).toBe(
      pseudonyms.tag('IBAN', 'DE89370400440532013000'),
    );
  });

  it('keeps types apart', () => {
    const pseudonyms = new PseudonymKey(keyA);
    expect(pseudonyms.tag('PASSWORD', 'x')).not.toBe(pseudonyms.tag('SECRET', 'x'));
  });

  it('breaks every link when the key is replaced', () => {
    const pseudonyms = new PseudonymKey(keyA);
    const before = pseudonyms.tag('EMAIL', 'jane@example.com');
    pseudonyms.replace(keyB);
    expect(pseudonyms.tag('EMAIL', 'jane@example.com')).not.toBe(before);
  });

  it('is not affected by later changes to the caller’s key buffer', () => {
    const buffer = new Uint8Array(32).fill(1);
    const pseudonyms = new PseudonymKey(buffer);
    const before = pseudonyms.tag('EMAIL', 'jane@example.com');
    buffer.fill(0);
    expect(pseudonyms.tag('EMAIL', 'jane@example.com')).toBe(before);
  });

  it('holds one copy of the key and zeroes it when a new key replaces it', () => {
    const copies: Buffer[] = [];
    const track = ((size: number) => {
      const buffer = new Uint8Array(size) as Buffer;
      Object.setPrototypeOf(buffer, Buffer.prototype);
      copies.push(buffer);
      return buffer;
    }) as typeof Buffer.alloc;
    const alloc = jest.spyOn(Buffer, 'alloc').mockImplementation(track);
    try {
      const pseudonyms = new PseudonymKey(keyA);
      expect(copies).toHaveLength(1);
      expect(copies[0]?.some((byte) => byte !== 0)).toBe(true);
      pseudonyms.replace(keyB);
      expect(copies).toHaveLength(2);
      expect(copies[0]?.every((byte) => byte === 0)).toBe(true);
      expect(Buffer.compare(copies[1] as Buffer, Buffer.from(keyB))).toBe(0);
    } finally {
      alloc.mockRestore();
    }
  });

  it('keeps the current key when the replacement is rejected', () => {
    const pseudonyms = new PseudonymKey(keyA);
    const before = pseudonyms.tag('EMAIL', 'jane@example.com');
    expect(() => pseudonyms.replace(new Uint8Array(4))).toThrow(/at least 16 bytes/);
    expect(pseudonyms.tag('EMAIL', 'jane@example.com')).toBe(before);
  });

  it.each([
    ['a short key', new Uint8Array(8)],
    ['a string', 'secret-secret-secret'],
    ['nothing', undefined],
  ])('rejects %s', (_name, key) => {
    expect(() => new PseudonymKey(key as Uint8Array)).toThrow(/at least 16 bytes/);
  });
});
