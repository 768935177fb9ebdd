import { entries, entry } from '../../testing/fake-log-socket';
import { mergeBounded, mergeBySeq } from './seq-merge';

const seqsOf = (lines: { seq: number }[]) => lines.map((line) => line.seq);

describe('mergeBySeq', () => {
  it('appends a batch that follows the buffer', () => {
    expect(seqsOf(mergeBySeq(entries(1, 3), entries(4, 5)))).toEqual([1, 2, 3, 4, 5]);
  });

  it('inserts late lines in place and sorts an unordered batch', () => {
    const lines = [entry(1), entry(2), entry(5), entry(8)];
    const merged = mergeBySeq(lines, [entry(9), entry(3), entry(7), entry(6)]);
    expect(seqsOf(merged)).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
  });

  it('puts lines older than the whole buffer in front', () => {
    expect(seqsOf(mergeBySeq(entries(5, 6), [entry(2)]))).toEqual([2, 5, 6]);
  });

  it('does not change the buffer it was given', () => {
    const lines = entries(1, 2);
    mergeBySeq(lines, [entry(0)]);
    expect(seqsOf(lines)).toEqual([1, 2]);
  });
});

describe('mergeBounded', () => {
  it('keeps the newest lines and reports how many were dropped', () => {
    const result = mergeBounded(entries(1, 3), entries(4, 6), 4);
    expect(seqsOf(result.lines)).toEqual([3, 4, 5, 6]);
    expect(result.dropped).toBe(2);
  });

  it('drops a late line at once when it is older than everything a full buffer keeps', () => {
    const result = mergeBounded(entries(10, 13), [entry(4), entry(14)], 4);
    expect(seqsOf(result.lines)).toEqual([11, 12, 13, 14]);
    expect(result.dropped).toBe(2);
  });

  it('makes one array of the final size for a batch that follows the buffer', () => {
    const lines = entries(1, 3);
    const result = mergeBounded(lines, entries(4, 6), 4);
    expect(result.lines).not.toBe(lines);
    expect(result.lines.length).toBe(4);
    expect(seqsOf(lines)).toEqual([1, 2, 3]);
  });

  it('agrees with merging then dropping the oldest, for appends, late lines and overflowing batches', () => {
    let state = 7;
    const random = (n: number) => ((state = (state * 48271) % 2147483647) % n) as number;
    for (let round = 0; round < 500; round += 1) {
      const start = random(50);
      const lines = entries(start, start + random(12) - 1);
      const first = random(3) === 0 ? random(start + 14) : start + 12;
      const batch = entries(first, first + random(15));
      if (random(4) === 0) batch.reverse();
      const fresh = batch.filter((line) => !lines.some((held) => held.seq === line.seq));
      const capacity = 1 + random(20);
      const all = mergeBySeq(lines, fresh);
      const dropped = Math.max(0, all.length - capacity);
      expect(mergeBounded(lines, fresh, capacity)).toEqual({ lines: all.slice(dropped), dropped });
    }
  });
});
