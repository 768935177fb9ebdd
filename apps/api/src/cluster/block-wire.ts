import type { BlockEntry, SealedBlock } from '../logs/ports/log-store';

/** Bumped if the layout below ever changes, so an old member is refused rather than misread. */
const VERSION = 1;
/** Per entry: level, timestamp, receivedAt, offset, length, service byte length. */
const ENTRY_FIXED_BYTES = 1 + 8 + 8 + 4 + 4 + 2;
/** Byte offset of the entry count in a member; the Redis scripts read it there. */
export const COUNT_OFFSET = 1;

/**
 * A sealed block as it sits in Redis (one sorted-set member, scored by its first seq) and as it
 * crosses to other nodes: a clear header with each entry's metadata, then the sealed bytes. The
 * header is what the seal binds as `bound`, so editing it in Redis breaks the block.
 *
 * header = version u8 ‖ count u16 ‖ per entry (level u8 ‖ timestamp f64 ‖ receivedAt f64 ‖
 * offset u32 ‖ length u32 ‖ service length u16 ‖ service UTF-8)
 */
export function encodeHeader(entries: readonly BlockEntry[]): Buffer {
  const services = entries.map((entry) => Buffer.from(entry.service, 'utf8'));
  const size = 3 + entries.length * ENTRY_FIXED_BYTES + services.reduce((n, s) => n + s.length, 0);
  const header = Buffer.allocUnsafe(size);
  header.writeUInt8(VERSION, 0);
  header.writeUInt16BE(entries.length, COUNT_OFFSET);
  let at = 3;
  entries.forEach((entry, index) => {
    header.writeUInt8(entry.level, at);
    header.writeDoubleBE(entry.timestamp, at + 1);
    header.writeDoubleBE(entry.receivedAt, at + 9);
    header.writeUInt32BE(entry.offset, at + 17);
    header.writeUInt32BE(entry.length, at + 21);
    header.writeUInt16BE(services[index].length, at + 25);
    at += ENTRY_FIXED_BYTES;
    services[index].copy(header, at);
    at += services[index].length;
  });
  return header;
}

/** header ‖ sealed, as stored and relayed. */
export function encodeMember(block: SealedBlock): Buffer {
  const header = block.bound ?? encodeHeader(block.entries);
  return Buffer.concat([header, block.sealed]);
}

/** Thrown for a member that is not a block this version wrote. */
export class MalformedMemberError extends Error {
  constructor() {
    super('Stored block is malformed');
    this.name = 'MalformedMemberError';
  }
}

/**
 * Reads a member back. Seqs come from the sealed header's first seq; the seal authenticates it
 * (and the clear header), and every entry's own seq is checked again when it is opened.
 */
export function decodeMember(member: Buffer): SealedBlock {
  if (member.length < 3 || member.readUInt8(0) !== VERSION) throw new MalformedMemberError();
  const count = member.readUInt16BE(COUNT_OFFSET);
  const entries: BlockEntry[] = [];
  let at = 3;
  const partial: Omit<BlockEntry, 'seq'>[] = [];
  for (let index = 0; index < count; index += 1) {
    if (at + ENTRY_FIXED_BYTES > member.length) throw new MalformedMemberError();
    const serviceLength = member.readUInt16BE(at + 25);
    const serviceAt = at + ENTRY_FIXED_BYTES;
    if (serviceAt + serviceLength > member.length) throw new MalformedMemberError();
    partial.push({
      level: member.readUInt8(at),
      timestamp: member.readDoubleBE(at + 1),
      receivedAt: member.readDoubleBE(at + 9),
      offset: member.readUInt32BE(at + 17),
      length: member.readUInt32BE(at + 21),
      service: member.toString('utf8', serviceAt, serviceAt + serviceLength),
    });
    at = serviceAt + serviceLength;
  }
  const sealed = member.subarray(at);
  if (sealed.length < 8) throw new MalformedMemberError();
  const firstSeq = sealed.readDoubleBE(0);
  // Field by field, not `{ ...entry, seq }`: see blockEntry in logs/block-builder.ts.
  partial.forEach((entry, index) =>
    entries.push({
      seq: firstSeq + index,
      level: entry.level,
      service: entry.service,
      timestamp: entry.timestamp,
      receivedAt: entry.receivedAt,
      offset: entry.offset,
      length: entry.length,
    }),
  );
  return { sealed, entries, bound: member.subarray(0, at) };
}
