import type { BlockEntry } from '../logs/ports/log-store';
import { decodeMember, encodeHeader, encodeMember, MalformedMemberError } from './block-wire';

function entry(seq: number, service: string): BlockEntry {
  return {
    seq,
    level: 3,
    service,
    timestamp: 1_700_000_000_000 + seq,
    receivedAt: 1_700_000_000_500,
    offset: seq * 10,
    length: 10,
  };
}

/** A stand-in for sealed bytes: the wire reads the first seq from their first 8 bytes. */
function sealedAt(firstSeq: number): Buffer {
  const sealed = Buffer.alloc(40, 7);
  sealed.writeDoubleBE(firstSeq, 0);
  return sealed;
}

describe('block wire form', () => {
  it('reads back every entry’s metadata, seqs counted from the sealed first seq', () => {
    const entries = [entry(41, 'checkout'), entry(42, 'zürich-api'), entry(43, '')];
    const bound = encodeHeader(entries);
    const decoded = decodeMember(encodeMember({ sealed: sealedAt(41), entries, bound }));
    expect(decoded.entries).toEqual(entries);
    expect(decoded.bound?.equals(bound)).toBe(true);
    expect(decoded.sealed.equals(sealedAt(41))).toBe(true);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['another version', Buffer.from([9, 0, 1])],
    [
      'a cut header',
      encodeMember({ sealed: sealedAt(1), entries: [entry(1, 'api')] }).subarray(0, 12),
    ],
  ])('refuses a member that is %s', (_name, member) => {
    expect(() => decodeMember(member)).toThrow(MalformedMemberError);
  });
});
