import { BadRequestException } from '@nestjs/common';
import { uncompressSync } from 'snappy';
import { tooLarge, type BodyLimit } from './body-limit';

/**
 * Snappy's block format (what Loki's protobuf push uses, without any Content-Encoding header).
 * The block starts with its uncompressed length, so a bomb is refused before anything is
 * allocated for it (the decoder allocates the whole announced length up front). The `snappy`
 * package checks that the block fills exactly that length; a pure-JS decoder tried first
 * zero-filled a truncated block instead.
 */
export function uncompressSnappyBlock(data: Buffer, limit: BodyLimit): Buffer {
  const length = declaredLength(data);
  if (length === undefined) throw invalidSnappy();
  if (length > limit.bytes) throw tooLarge(limit, 'after decompression');
  try {
    return uncompressSync(data, { asBuffer: true }) as Buffer;
  } catch {
    throw invalidSnappy();
  }
}

/** The little-endian base-128 varint that opens a block; at most 32 bits (5 bytes). */
function declaredLength(data: Buffer): number | undefined {
  let length = 0;
  for (let index = 0; index < 5 && index < data.length; index += 1) {
    const byte = data[index];
    length += (byte & 0x7f) * 2 ** (7 * index);
    if ((byte & 0x80) === 0) return length;
  }
  return undefined;
}

function invalidSnappy(): BadRequestException {
  return new BadRequestException('Body is not valid snappy (block format) data');
}
