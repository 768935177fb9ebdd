export type SegmentKind = 'text' | 'mask' | 'match';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

/** Placeholders the masking engine writes, e.g. `[EMAIL]` or a pseudonym `[EMAIL:3f9a…]`. */
const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*(?::[^\]\s]{1,64})?\]/g;

/**
 * Splits text into plain runs, masked placeholders and case-insensitive matches of `query`,
 * so a template can mark them without `innerHTML`.
 */
export function segmentText(text: string, query = ''): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index ?? 0;
    if (start > last) segments.push(...matchSegments(text.slice(last, start), query));
    segments.push({ kind: 'mask', text: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push(...matchSegments(text.slice(last), query));
  return segments;
}

function matchSegments(text: string, query: string): Segment[] {
  if (!query) return [{ kind: 'text', text }];
  const segments: Segment[] = [];
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) segments.push({ kind: 'text', text: text.slice(from, at) });
    segments.push({ kind: 'match', text: text.slice(at, at + needle.length) });
    from = at + needle.length;
  }
  if (from < text.length) segments.push({ kind: 'text', text: text.slice(from) });
  return segments;
}
