import { StreamCursors } from './stream-cursors';

describe('StreamCursors', () => {
  it('remembers the last line done per stream until it has been quiet for the ttl', () => {
    let now = 0;
    const cursors = new StreamCursors(1_000, 10, () => now);
    cursors.record('a', 5);
    cursors.record('b', 9);
    now = 999;
    expect(cursors.doneThrough('a')).toBe(5);
    now = 1_001;
    expect(cursors.doneThrough('a')).toBe(0);
    expect(cursors.doneThrough('unknown')).toBe(0);
  });

  it('forgets the least recently active stream first when full', () => {
    const cursors = new StreamCursors(60_000, 2, () => 0);
    cursors.record('a', 1);
    cursors.record('b', 1);
    cursors.record('a', 2);
    cursors.record('c', 1);
    expect([cursors.doneThrough('a'), cursors.doneThrough('b'), cursors.doneThrough('c')]).toEqual([
      2, 0, 1,
    ]);
  });
});
