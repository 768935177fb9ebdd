const TRUNCATION_MARKER = '… [truncated]';
const TRUNCATION_MARKER_BYTES = Buffer.byteLength(TRUNCATION_MARKER);

export function exceedsBytes(text: string, limit: number): boolean {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no counting.
  return text.length * 3 > limit && Buffer.byteLength(text) > limit;
}

const encoder = new TextEncoder();

/** Cuts at a character boundary (encodeInto never splits one) and appends the marker. */
export function truncateBytes(text: string, limit: number): string {
  const room = Math.max(0, limit - TRUNCATION_MARKER_BYTES);
  const { read } = encoder.encodeInto(text, new Uint8Array(room));
  return text.slice(0, read) + TRUNCATION_MARKER;
}
