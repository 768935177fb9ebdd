/** A message's lines: split on line breaks, without the empty line a trailing break leaves. */
export function messageLines(message: string): string[] {
  const lines = message.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** What a row shows of a message folded to one line: the first line, and how many are hidden. */
export interface FoldedMessage {
  first: string;
  hidden: number;
}

const folded = new Map<string, FoldedMessage>();
/** Enough to cover the rows on screen and their neighbours; reset rather than evicted one by one. */
const FOLDED_CACHE = 2_000;

/**
 * The row's view of a message. Most messages are one line, so the common case costs one search
 * for a line break; rows are re-bound on every frame of a busy stream.
 */
export function foldMessage(message: string): FoldedMessage {
  if (!/[\n\r]/.test(message)) return { first: message, hidden: 0 };
  let found = folded.get(message);
  if (!found) {
    const lines = messageLines(message);
    found = { first: lines[0], hidden: lines.length - 1 };
    if (folded.size >= FOLDED_CACHE) folded.clear();
    folded.set(message, found);
  }
  return found;
}
