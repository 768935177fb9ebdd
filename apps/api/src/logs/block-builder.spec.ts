import { BlockBuilder } from './block-builder';
import { encodeFields } from './entry-codec';
import { LocalSealer } from './memory/local-sealer';
import type { EntryMeta } from './ports/log-store';

const sealer = new LocalSealer();
const builder = (maxEntries = 1000) =>
  new BlockBuilder(sealer, 1 << 20, maxEntries, () => undefined);
const meta = (seq: number): EntryMeta => ({
  seq,
  level: 2,
  service: 'checkout',
  timestamp: 1_796_270_914_882 + seq,
  receivedAt: 1_796_270_915_000.5,
});

const encoded = (message: string) =>
  encodeFields({
    message,
    context: undefined,
    traceId: undefined,
    spanId: undefined,
    masked: {},
    truncated: false,
  });

describe('BlockBuilder', () => {
  it('keeps each entry’s metadata and where its bytes sit in the sealed block', () => {
    const blocks = builder();
    blocks.add(encoded('first'), meta(1));
    blocks.add(encoded('sécond'), meta(2));
    const [block] = blocks.take();
    expect(block.entries).toEqual([
      { ...meta(1), offset: 0, length: 11 },
      { ...meta(2), offset: 11, length: 13 },
    ]);
    const { plaintext, firstSeq, count } = sealer.open(block.sealed);
    expect({ firstSeq, count }).toEqual({ firstSeq: 1, count: 2 });
    const second = block.entries[1];
    expect(plaintext.toString('utf8', second.offset, second.offset + second.length)).toBe(
      '[2,"sécond"]',
    );
  });

  it('starts a new block at a gap in the seqs and when a block is full', () => {
    const blocks = builder(2);
    for (const seq of [1, 2, 3, 5]) blocks.add(encoded(''), meta(seq));
    expect(blocks.take().map((block) => block.entries.map((entry) => entry.seq))).toEqual([
      [1, 2],
      [3],
      [5],
    ]);
  });
});
