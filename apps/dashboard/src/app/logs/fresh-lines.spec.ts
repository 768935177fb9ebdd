import { entries, entry } from '../../testing/fake-log-socket';
import { FRESH_LIMIT, FreshLines, freshFrom } from './fresh-lines';

describe('freshFrom', () => {
  it('highlights a frame of a few lines from its lowest seq, in any order', () => {
    expect(freshFrom([entry(8), entry(7), entry(10)])).toBe(7);
    expect(freshFrom(entries(1, FRESH_LIMIT))).toBe(1);
  });

  it('highlights nothing in a flood of lines or an empty frame', () => {
    expect(freshFrom(entries(1, FRESH_LIMIT + 1))).toBe(Infinity);
    expect(freshFrom([])).toBe(Infinity);
  });
});

describe('FreshLines', () => {
  it('counts the frames that highlight and keeps the last highlight through an empty frame', () => {
    const fresh = new FreshLines();
    fresh.shown([entry(3), entry(4)]);
    expect([fresh.fromSeq(), fresh.batch()]).toEqual([3, 1]);
    fresh.shown([]);
    expect([fresh.fromSeq(), fresh.batch()]).toEqual([3, 1]);
    fresh.shown(entries(5, 5 + FRESH_LIMIT));
    expect([fresh.fromSeq(), fresh.batch()]).toEqual([Infinity, 1]);
  });
});
