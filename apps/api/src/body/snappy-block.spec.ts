import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { compressSync } from 'snappy';
import { uncompressSnappyBlock } from './snappy-block';

const LIMIT = { setting: 'LOG_MAX_BULK_BODY' as const, bytes: 1024 };

describe('uncompressSnappyBlock', () => {
  it('undoes what the snappy package compressed', () => {
    const text = Buffer.from('hello hello hello hello');
    expect(uncompressSnappyBlock(compressSync(text), LIMIT)).toEqual(text);
  });

  it('refuses a block announcing more than the limit before allocating it', () => {
    const announcesOneGiB = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x04, 0x00]);
    expect(() => uncompressSnappyBlock(announcesOneGiB, LIMIT)).toThrow(PayloadTooLargeException);
    expect(() => uncompressSnappyBlock(compressSync(Buffer.alloc(2048)), LIMIT)).toThrow(
      'Request body is larger than LOG_MAX_BULK_BODY (1024 bytes) after decompression',
    );
  });

  it.each([
    ['bytes that are not snappy', Buffer.from('plain text, not compressed')],
    ['an unterminated length', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
    [
      'a block cut short',
      compressSync(Buffer.from('x'.repeat(500) + 'y'.repeat(500))).subarray(0, 10),
    ],
    ['nothing at all', Buffer.alloc(0)],
  ])('answers %s with 400', (_name, data) => {
    expect(() => uncompressSnappyBlock(data, LIMIT)).toThrow(BadRequestException);
  });
});
