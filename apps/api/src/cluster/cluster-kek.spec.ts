import { parseClusterKek } from './cluster-kek';

const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7));

describe('parseClusterKek', () => {
  it('accepts 64 hex characters', () => {
    expect(parseClusterKek(bytes.toString('hex')).equals(bytes)).toBe(true);
  });

  it('accepts base64 and base64url of 32 bytes', () => {
    expect(parseClusterKek(bytes.toString('base64')).equals(bytes)).toBe(true);
    expect(parseClusterKek(bytes.toString('base64url')).equals(bytes)).toBe(true);
  });

  it.each([
    ['missing', undefined, /required in cluster mode/],
    ['empty', '  ', /required in cluster mode/],
    ['too short hex', 'ab'.repeat(31), /must be 32 bytes/],
    ['16-byte base64', Buffer.alloc(16, 1).toString('base64'), /must be 32 bytes/],
    ['a passphrase', 'correct horse battery staple', /must be 32 bytes/],
  ])('refuses a %s value with a clear message', (_label, raw, message) => {
    expect(() => parseClusterKek(raw)).toThrow(message);
  });

  it('never echoes the value it refuses', () => {
    const secretish = 'not-a-valid-key-but-still-secret';
    expect(() => parseClusterKek(secretish)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secretish) }),
    );
  });
});
