import { ReusedFloats } from './reused-floats';

describe('ReusedFloats', () => {
  it('hands out views of one array while it is big enough', () => {
    const floats = new ReusedFloats();
    const first = floats.slots(100);
    first.fill(7);
    const second = floats.slots(80);
    expect(second).toHaveLength(80);
    expect(second.buffer).toBe(first.buffer);
    expect(second[79]).toBe(7);
  });

  it('grows when asked for more, keeping the slots asked to be kept', () => {
    const floats = new ReusedFloats();
    const small = floats.slots(4);
    small.set([1, 2, 3, 4]);
    const grown = floats.slots(1000, 3);
    expect(grown).toHaveLength(1000);
    expect(grown.buffer).not.toBe(small.buffer);
    expect(Array.from(grown.subarray(0, 3))).toEqual([1, 2, 3]);
  });

  it('grows by doubling, so a buffer that fills up line by line is rarely copied', () => {
    const floats = new ReusedFloats();
    const buffers = new Set<ArrayBufferLike>();
    for (let length = 1; length <= 10_000; length++) buffers.add(floats.slots(length).buffer);
    expect(buffers.size).toBeLessThanOrEqual(9);
  });

  it('moves a run of slots to the front in place', () => {
    const floats = new ReusedFloats();
    floats.slots(6).set([0, 1, 2, 3, 4, 5]);
    floats.moveToFront(2, 3);
    expect(Array.from(floats.slots(6))).toEqual([2, 3, 4, 3, 4, 5]);
  });
});
