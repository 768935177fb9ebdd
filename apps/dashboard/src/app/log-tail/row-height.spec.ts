import { LINE_HEIGHT, ROW_HEIGHT, ROW_PADDING, rowHeight } from './row-height';

const unwrapped = { wrap: false, expanded: false, columns: 40 };

describe('rowHeight', () => {
  it('keeps every unwrapped, folded row one line high', () => {
    expect(rowHeight('x'.repeat(500), unwrapped)).toBe(ROW_HEIGHT);
    expect(rowHeight('Error\n  at a\n  at b', unwrapped)).toBe(ROW_HEIGHT);
  });

  it('gives an expanded multi-line message one line per message line', () => {
    const height = rowHeight('Error\n  at a\n  at b', { ...unwrapped, expanded: true });
    expect(height).toBe(ROW_PADDING + 3 * LINE_HEIGHT);
  });

  it('wraps a long line into as many lines as the column holds', () => {
    expect(rowHeight('x'.repeat(100), { ...unwrapped, wrap: true })).toBe(
      ROW_PADDING + 3 * LINE_HEIGHT,
    );
  });

  it('wraps only the first line of a folded message, leaving room for its button', () => {
    const message = `${'x'.repeat(35)}\n${'y'.repeat(200)}`;
    expect(rowHeight(message, { ...unwrapped, wrap: true })).toBe(ROW_PADDING + 2 * LINE_HEIGHT);
  });

  it('wraps every line of an expanded message', () => {
    const message = `short\n${'y'.repeat(80)}\n\tat z`;
    expect(rowHeight(message, { wrap: true, expanded: true, columns: 40 })).toBe(
      ROW_PADDING + 4 * LINE_HEIGHT,
    );
  });

  it('adds a line for time, level and service when the message has a line of its own', () => {
    expect(rowHeight('short', { ...unwrapped, stacked: true })).toBe(ROW_HEIGHT + LINE_HEIGHT);
    expect(
      rowHeight('x'.repeat(100), { wrap: true, expanded: false, columns: 40, stacked: true }),
    ).toBe(ROW_PADDING + 4 * LINE_HEIGHT);
  });
});
