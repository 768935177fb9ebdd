import { formatSize, parseSize } from './sizes';

describe('parseSize', () => {
  it.each([
    ['1048576', 1048576],
    ['256MiB', 256 * 1024 ** 2],
    ['256 MiB', 256 * 1024 ** 2],
    ['256mib', 256 * 1024 ** 2],
    ['64KiB', 64 * 1024],
    ['1GiB', 1024 ** 3],
    ['1.5MiB', 1.5 * 1024 ** 2],
    ['512B', 512],
    [' 2KiB ', 2048],
  ])('reads %p as %p bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['256MB', '1GB', '64K', '1e6', '-1KiB', 'abc', '', '0.1KiB', '1 000'])(
    'refuses %p',
    (text) => {
      expect(parseSize(text)).toBeUndefined();
    },
  );
});

describe('formatSize', () => {
  it.each([
    [256 * 1024 ** 2, '256MiB'],
    [64 * 1024, '64KiB'],
    [1024 ** 3, '1GiB'],
    [2047 * 1024 ** 2, '2047MiB'],
    [1000, '1000 bytes'],
    [1536, '1536 bytes'],
  ])('writes %p bytes as %p', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
