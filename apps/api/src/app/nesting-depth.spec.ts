import { nestsDeeperThan } from './nesting-depth';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { a: value };
  return value;
}

describe('nestsDeeperThan', () => {
  it.each([
    [1, 0, false],
    [{}, 0, true],
    [{}, 1, false],
    [{ a: [1] }, 1, true],
    [{ a: [1] }, 2, false],
    [{ a: 1, b: { c: { d: null } } }, 2, true],
  ])('measures %j against a limit of %d', (value, limit, deeper) => {
    expect(nestsDeeperThan(value, limit)).toBe(deeper);
  });

  it('measures nesting far deeper than the call stack could recurse', () => {
    expect(nestsDeeperThan(nested(200_000), 16)).toBe(true);
    expect(nestsDeeperThan(nested(16), 16)).toBe(false);
  });
});
