import { truncateBytes } from './text-size';

/** Key added in place of the fields a context had to give up to fit LOG_MAX_CONTEXT. */
export const CUT_FIELDS_KEY = '[truncated]';

export interface ContextLimits {
  /** UTF-8 bytes of one string value. */
  maxValueBytes: number;
  /** Bytes of the whole context as JSON. */
  maxBytes: number;
}

/**
 * Keeps a (masked) context within its limits: a string value over `maxValueBytes` is cut at a
 * character boundary and marked, like a long message; a context still over `maxBytes` keeps its
 * first top-level fields that fit and says how many it dropped under `[truncated]`. Cheap for the
 * usual small context (one walk, no serialising); copies only what it changes.
 */
export function capContext(
  context: Record<string, unknown>,
  limits: ContextLimits,
): { context: Record<string, unknown>; truncated: boolean } {
  const estimate = { chars: 0, longest: 0 };
  measure(context, estimate, 0);
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so below these nothing can be over.
  if (estimate.longest * 3 <= limits.maxValueBytes && estimate.chars * 3 <= limits.maxBytes) {
    return { context, truncated: false };
  }
  let truncated = false;
  const cutValues = cutStrings(context, limits.maxValueBytes, () => (truncated = true), 0);
  const capped = cutValues as Record<string, unknown>;
  if (Buffer.byteLength(JSON.stringify(capped)) <= limits.maxBytes) {
    return { context: capped, truncated };
  }
  const kept: Record<string, unknown> = {};
  const keys = Object.keys(capped);
  let used = 2;
  let index = 0;
  for (; index < keys.length; index += 1) {
    const key = keys[index];
    const size = Buffer.byteLength(JSON.stringify({ [key]: capped[key] })) - 1;
    // Room for the marker field that says how many were dropped.
    if (used + size + 64 > limits.maxBytes) break;
    kept[key] = capped[key];
    used += size;
  }
  kept[CUT_FIELDS_KEY] = `${keys.length - index} more fields over LOG_MAX_CONTEXT`;
  return { context: kept, truncated: true };
}

/** Walks JSON data adding up characters (keys and strings, ~8 per other value) and the longest string. */
function measure(value: unknown, into: { chars: number; longest: number }, depth: number): void {
  if (typeof value === 'string') {
    into.chars += value.length + 2;
    if (value.length > into.longest) into.longest = value.length;
    return;
  }
  if (typeof value !== 'object' || value === null || depth > 64) {
    into.chars += 8;
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) measure(item, into, depth + 1);
    return;
  }
  for (const key in value) {
    into.chars += key.length + 4;
    measure((value as Record<string, unknown>)[key], into, depth + 1);
  }
}

function cutStrings(value: unknown, maxBytes: number, onCut: () => void, depth: number): unknown {
  if (typeof value === 'string') {
    if (value.length * 3 <= maxBytes || Buffer.byteLength(value) <= maxBytes) return value;
    onCut();
    return truncateBytes(value, maxBytes);
  }
  if (typeof value !== 'object' || value === null || depth > 64) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const cut = cutStrings(item, maxBytes, onCut, depth + 1);
      if (cut !== item) (copy ??= [...value])[index] = cut;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const cut = cutStrings(item, maxBytes, onCut, depth + 1);
    if (cut !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = cut;
  }
  return copy ?? value;
}
