import { uniformLayout, variableLayout } from './row-layout';
import { ReusedFloats } from './reused-floats';

describe('uniformLayout', () => {
  it('places rows at multiples of their height and finds the row under an offset', () => {
    const layout = uniformLayout(10, 24);
    expect(layout.total).toBe(240);
    expect(layout.offsetOf(3)).toBe(72);
    expect(layout.indexAt(71)).toBe(2);
    expect(layout.indexAt(72)).toBe(3);
    expect(layout.indexAt(10_000)).toBe(9);
    expect(layout.indexAt(-50)).toBe(0);
  });
});

describe('variableLayout', () => {
  it('sums the heights of the rows above and finds the row under an offset', () => {
    const layout = variableLayout([24, 64, 24]);
    expect(layout.total).toBe(112);
    expect(layout.offsetOf(2)).toBe(88);
    expect(layout.offsetOf(3)).toBe(112);
    expect(layout.indexAt(23)).toBe(0);
    expect(layout.indexAt(24)).toBe(1);
    expect(layout.indexAt(87)).toBe(1);
    expect(layout.indexAt(88)).toBe(2);
    expect(layout.indexAt(500)).toBe(2);
  });
});

describe('variableLayout on a reused array', () => {
  it('gives the same layout as a fresh array, whatever the array held before', () => {
    const reused = new ReusedFloats();
    variableLayout([500, 500, 500, 500, 500], reused);
    const layout = variableLayout([24, 64, 24], reused);
    const fresh = variableLayout([24, 64, 24]);
    expect(layout.total).toBe(fresh.total);
    for (let index = 0; index <= 3; index++) {
      expect(layout.offsetOf(index)).toBe(fresh.offsetOf(index));
    }
    expect(layout.indexAt(500)).toBe(2);
  });
});
