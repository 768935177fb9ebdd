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
});
