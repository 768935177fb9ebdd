import { messageLines } from '../shared/message-lines';

/** One line of text in a row; rows are padded by ROW_PADDING in all. */
export const LINE_HEIGHT = 20;
export const ROW_PADDING = 4;
/** The height of a one-line row: the common case, and the whole list's when nothing wraps. */
export const ROW_HEIGHT = LINE_HEIGHT + ROW_PADDING;
/** "+12 lines" and its padding, in characters, on the first line of a folded message. */
const MORE_BUTTON_CHARS = 11;

export interface RowShape {
  wrap: boolean;
  expanded: boolean;
  /** Characters per line of the message column (monospace), when wrapping. */
  columns: number;
  /** On narrow screens the message has a line of its own under time, level and service. */
  stacked?: boolean;
}

/**
 * How tall a row is, known before it is drawn so the list can be virtual: wrapped rows break
 * anywhere (`word-break: break-all`), so in a monospace font a line of n characters takes
 * ⌈n / columns⌉ lines. Tabs are counted at their CSS `tab-size` (2).
 */
export function rowHeight(message: string, shape: RowShape): number {
  const meta = shape.stacked ? LINE_HEIGHT : 0;
  const multiLine = /[\n\r]/.test(message);
  if (!shape.wrap && (!shape.expanded || !multiLine)) return ROW_HEIGHT + meta;
  const lines = multiLine ? messageLines(message) : [message];
  if (!shape.wrap) return ROW_PADDING + meta + LINE_HEIGHT * lines.length;
  const columns = Math.max(1, shape.columns);
  const shown = shape.expanded ? lines : lines.slice(0, 1);
  let count = 0;
  shown.forEach((line, index) => {
    const extra = index === 0 && lines.length > 1 ? MORE_BUTTON_CHARS : 0;
    count += Math.max(1, Math.ceil((width(line) + extra) / columns));
  });
  return ROW_PADDING + meta + LINE_HEIGHT * count;
}

function width(line: string): number {
  let tabs = 0;
  for (let index = line.indexOf('\t'); index !== -1; index = line.indexOf('\t', index + 1)) tabs++;
  return line.length + tabs;
}
