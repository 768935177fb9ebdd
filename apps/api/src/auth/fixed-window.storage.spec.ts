import { FixedWindowStorage } from './fixed-window.storage';

describe('FixedWindowStorage', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('blocks past the limit until the window ends, then starts counting again', async () => {
    const storage = new FixedWindowStorage();
    for (let i = 1; i <= 3; i++) {
      expect(await storage.increment('api|key:a', 10_000, 3)).toMatchObject({
        totalHits: i,
        isBlocked: false,
      });
    }
    jest.advanceTimersByTime(2_500);
    expect(await storage.increment('api|key:a', 10_000, 3)).toEqual({
      totalHits: 4,
      isBlocked: true,
      timeToExpire: 8,
      timeToBlockExpire: 8,
    });
    jest.advanceTimersByTime(7_500);
    expect(await storage.increment('api|key:a', 10_000, 3)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('counts each key separately', async () => {
    const storage = new FixedWindowStorage();
    await storage.increment('api|key:a', 1_000, 1);
    expect((await storage.increment('api|key:a', 1_000, 1)).isBlocked).toBe(true);
    expect((await storage.increment('api|key:b', 1_000, 1)).isBlocked).toBe(false);
  });

  it('tells without counting whether a key has attempts left', () => {
    const storage = new FixedWindowStorage();
    expect(storage.exhaustedFor('api|ip:a', 2)).toBe(0);
    storage.hit('api|ip:a', 10_000, 2);
    expect(storage.exhaustedFor('api|ip:a', 2)).toBe(0);
    storage.hit('api|ip:a', 10_000, 2);
    expect(storage.exhaustedFor('api|ip:a', 2)).toBe(10);
    expect(storage.exhaustedFor('api|ip:a', 2)).toBe(10);
    jest.advanceTimersByTime(10_000);
    expect(storage.exhaustedFor('api|ip:a', 2)).toBe(0);
  });
});
