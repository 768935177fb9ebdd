import { MARKERS, setOwn, uniqueKey, type ValueMasker } from './mask-value';
import { MaskingWalk, type ValueMaskingLimits, type ValueMaskingParts } from './masking-walk';
import type { MaskCounts } from './types';

/**
 * Masks values fresh from `JSON.parse` exactly as `ValueMasker` does, but copy-on-write: an
 * array or object is copied only when one of its members or keys changed, and a subtree in
 * which nothing changed comes back as the same reference. Most log contexts hold nothing to
 * mask, and copying each one in full cost more CPU and garbage than the masking itself.
 *
 * JSON data holds no cycles, Maps, Dates or Errors, so none of those checks run here; depth
 * and node bounds stay, since a hostile body can still be deep or wide. An object that is not
 * plain data (its prototype is neither Object.prototype nor null) means the caller passed
 * something else: the walk gives up and the whole value goes to `ValueMasker`, so a misuse
 * costs speed, never a leak. Getters on a plain object are read once, as `ValueMasker` does.
 */
export class JsonMasker {
  constructor(
    private readonly parts: ValueMaskingParts,
    private readonly limits: ValueMaskingLimits,
    private readonly fallback: ValueMasker,
  ) {}

  mask<T>(value: T, counts: MaskCounts): T {
    // Counted apart so an abandoned walk leaves the caller's counts as they were.
    const found: MaskCounts = {};
    let masked: unknown;
    try {
      masked = new JsonWalk(this.parts, this.limits, found).visit(value, 0);
    } catch (error) {
      if (error !== NOT_JSON_DATA) throw error;
      return this.fallback.mask(value, counts);
    }
    for (const type in found) counts[type] = (counts[type] ?? 0) + (found[type] ?? 0);
    return masked as T;
  }
}

/** Thrown (not an Error: no stack to capture) when the walk meets a value JSON cannot hold. */
const NOT_JSON_DATA = Object.freeze({ reason: 'not JSON data' });

type JsonObject = Record<string, unknown>;

class JsonWalk extends MaskingWalk {
  protected override visitObject(value: object, depth: number): unknown {
    // maskValue marks anything this deep too, so the order of these checks changes no result.
    if (depth >= this.limits.maxDepth) return MARKERS.maxDepth;
    if (Array.isArray(value)) return this.visitArray(value, depth);
    if (!isPlainData(value)) throw NOT_JSON_DATA;
    return this.visitPlain(value as JsonObject, depth);
  }

  private visitArray(items: readonly unknown[], depth: number): readonly unknown[] {
    let out: unknown[] | undefined;
    for (let i = 0; i < items.length; i++) {
      if (this.exhausted) {
        out ??= items.slice(0, i);
        out.push(MARKERS.truncated);
        return out;
      }
      const item = items[i];
      const masked = this.visit(item, depth + 1);
      if (out !== undefined) {
        out.push(masked);
      } else if (masked !== item) {
        out = items.slice(0, i);
        out.push(masked);
      }
    }
    return out ?? items;
  }

  private visitPlain(value: JsonObject, depth: number): JsonObject {
    const keys = Object.keys(value);
    let out: JsonObject | undefined;
    for (let i = 0; i < keys.length; i++) {
      if (this.exhausted) {
        out ??= copyPrefix(value, keys, i);
        setOwn(out, MARKERS.truncated, keys.length - i);
        return out;
      }
      const key = keys[i];
      const item = value[key];
      const maskedKey = this.parts.maskText(key, this.counts);
      const masked = this.visitProperty(key, item, depth);
      if (out === undefined) {
        if (maskedKey === key && masked === item) continue;
        out = copyPrefix(value, keys, i);
      }
      // Checked with `in` first, as ValueMasker does: a fresh key is the common case.
      setOwn(out, maskedKey in out ? uniqueKey(out, maskedKey) : maskedKey, masked);
    }
    return out ?? value;
  }
}

function isPlainData(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * The members before the first change, as they were: their keys masked to themselves, and
 * own keys are distinct, so none of them can collide or need a suffix.
 */
function copyPrefix(value: JsonObject, keys: readonly string[], end: number): JsonObject {
  const out: JsonObject = {};
  for (let i = 0; i < end; i++) setOwn(out, keys[i], value[keys[i]]);
  return out;
}
