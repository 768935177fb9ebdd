import { entries, entry } from '../../testing/fake-log-socket';
import { FRESH_LIMIT, FRESH_WINDOW_MS, FreshLines, freshFrom } from './fresh-lines';

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

  it('highlights none while the stream shows more than the limit a second, even in small frames', () => {
    let now = 0;
    const fresh = new FreshLines(() => now);
    const perFrame = 10;
    const highlighted: number[] = [];
    for (let frame = 0; frame < 10; frame++) {
      now = frame * 16;
      fresh.shown(entries(1 + frame * perFrame, (frame + 1) * perFrame));
      highlighted.push(fresh.fromSeq());
    }
    // The first frames stay within FRESH_LIMIT lines; from then on the second holds more.
    const within = FRESH_LIMIT / perFrame;
    expect(highlighted.slice(0, within)).toEqual(
      Array.from({ length: within }, (_, frame) => 1 + frame * perFrame),
    );
    expect(highlighted.slice(within).every((seq) => seq === Infinity)).toBe(true);
  });

  it('highlights again once the fast lines are a window old', () => {
    let now = 0;
    const fresh = new FreshLines(() => now);
    fresh.shown(entries(1, 2 * FRESH_LIMIT));
    now = FRESH_WINDOW_MS - 1;
    fresh.shown([entry(200)]);
    expect(fresh.fromSeq()).toBe(Infinity);
    now = FRESH_WINDOW_MS;
    fresh.shown([entry(201)]);
    expect(fresh.fromSeq()).toBe(201);
  });
});
