import type { LogEntry } from '@redtail/contracts';
import { entries, entry } from '../../testing/fake-log-socket';
import { RowShape, rowHeight } from './row-height';
import { FoldedRowHeights, indexOfSeq } from './row-heights';

const wrapped: RowShape = { wrap: true, expanded: false, columns: 10 };

/** Lines whose messages are seq × 7 characters long, so every height differs from its neighbours'. */
function lines(from: number, to: number): LogEntry[] {
  return entries(from, to).map((line) => ({ ...line, message: 'x'.repeat(line.seq * 7) }));
}

function measured() {
  const messages: string[] = [];
  const heights = new FoldedRowHeights((message, shape) => {
    messages.push(message);
    return rowHeight(message, shape);
  });
  return { heights, messages };
}

const expected = (shown: readonly LogEntry[], shape = wrapped) =>
  Float64Array.from(shown, (line) => rowHeight(line.message, { ...shape, expanded: false }));

describe('indexOfSeq', () => {
  it('finds a line by seq in sorted lines', () => {
    const sorted = entries(5, 50);
    expect(indexOfSeq(sorted, 5)).toBe(0);
    expect(indexOfSeq(sorted, 37)).toBe(32);
    expect(indexOfSeq(sorted, 51)).toBe(-1);
  });
});

describe('FoldedRowHeights', () => {
  it('measures only the lines a frame added when older ones dropped out at the front', () => {
    const { heights, messages } = measured();
    const first = lines(1, 10);
    expect(heights.of(first, wrapped)).toEqual(expected(first));

    messages.length = 0;
    const next = [...first.slice(3), ...lines(11, 13)];
    expect(heights.of(next, wrapped)).toEqual(expected(next));
    expect(messages).toEqual(lines(11, 13).map((line) => line.message));
  });

  it('measures again from a line inserted out of order', () => {
    const { heights, messages } = measured();
    const gap = [...lines(1, 4), ...lines(6, 8)];
    heights.of(gap, wrapped);
    messages.length = 0;
    const filled = [...gap.slice(0, 4), ...lines(5, 5), ...gap.slice(4)];
    expect(heights.of(filled, wrapped)).toEqual(expected(filled));
    expect(messages).toHaveLength(4);
  });

  it('measures everything again when the wrap width changes, and ignores what is expanded', () => {
    const { heights, messages } = measured();
    const shown = lines(1, 5);
    heights.of(shown, wrapped);
    messages.length = 0;
    const wider = { ...wrapped, columns: 20 };
    expect(heights.of(shown, { ...wider, expanded: true })).toEqual(expected(shown, wider));
    expect(messages).toHaveLength(5);
  });

  it('measures lines put in front of those shown (older lines loaded)', () => {
    const { heights } = measured();
    heights.of(lines(5, 8), wrapped);
    const older = [entry(1, { message: 'y'.repeat(33) }), ...lines(5, 8)];
    expect(heights.of(older, wrapped)).toEqual(expected(older));
  });
});

describe('FoldedRowHeights, render after render', () => {
  it('writes every render into the same array (no new memory per render)', () => {
    const { heights } = measured();
    const first = lines(1, 10);
    const before = heights.of(first, wrapped).buffer;
    const next = [...first.slice(4), ...lines(11, 14)];
    const after = heights.of(next, wrapped);
    expect(after.buffer).toBe(before);
    expect(after).toEqual(expected(next));
  });
});
