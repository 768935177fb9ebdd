import { BoundedQueue } from './bounded-queue';

describe('BoundedQueue', () => {
  it('keeps the newest items and reports how many oldest were discarded', () => {
    const queue = new BoundedQueue<number>(3);
    expect(queue.pushAll([1, 2])).toBe(0);
    expect(queue.pushAll([3, 4, 5])).toBe(2);
    expect(queue.length).toBe(3);
    expect(queue.take(2)).toEqual([3, 4]);
    expect(queue.take(10)).toEqual([5]);
    expect(queue.length).toBe(0);
  });

  it('holds at most maxBytes, dropping the oldest to make room', () => {
    const queue = new BoundedQueue<string>(100, 1_000);
    expect(queue.pushAll(['a', 'b', 'c'], [400, 400, 100])).toBe(0);
    expect(queue.pushAll(['d'], [400])).toBe(1);
    expect(queue.bytes).toBe(900);
    expect(queue.take(10)).toEqual(['b', 'c', 'd']);
    expect(queue.bytes).toBe(0);
  });

  it('discards an item larger than the whole bound at once', () => {
    const queue = new BoundedQueue<string>(10, 100);
    expect(queue.pushAll(['small', 'huge'], [10, 1_000])).toBe(1);
    expect(queue.take(10)).toEqual(['small']);
  });

  it('takes by bytes as well as by count, but always at least one item', () => {
    const queue = new BoundedQueue<string>(10, 10_000);
    queue.pushAll(['a', 'b', 'c'], [600, 600, 600]);
    expect(queue.take(10, 1_000)).toEqual(['a']);
    expect(queue.take(10, 1_500)).toEqual(['b', 'c']);
    queue.pushAll(['big'], [5_000]);
    expect(queue.take(10, 1_000)).toEqual(['big']);
  });
});
