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

  /**
   * Walks the object's own keys with `for…in` rather than `Object.keys`, which made an array per
   * object of every entry's context (170 bytes of garbage per entry on the server); parsed JSON
   * has no enumerable inherited keys, and `hasOwn` skips any a polluted prototype would add.
   */
  private visitPlain(value: JsonObject, depth: number): JsonObject {
    let out: JsonObject | undefined;
    let i = 0;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (this.exhausted) {
        out ??= copyPrefix(value, i);
        setOwn(out, MARKERS.truncated, ownKeyCount(value) - i);
        return out;
      }
      const item = value[key];
      const maskedKey = this.parts.maskText(key, this.counts);
      const masked = this.visitProperty(key, item, depth);
      if (out === undefined && (maskedKey !== key || masked !== item)) out = copyPrefix(value, i);
      i++;
      // Checked with `in` first, as ValueMasker does: a fresh key is the common case.
      if (out !== undefined) {
        setOwn(out, maskedKey in out ? uniqueKey(out, maskedKey) : maskedKey, masked);
      }
    }
    return out ?? value;
  }
}

function isPlainData(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * The first `end` own members, as they were: their keys masked to themselves, and own keys are
 * distinct, so none of them can collide or need a suffix.
 */
function copyPrefix(value: JsonObject, end: number): JsonObject {
  const out: JsonObject = {};
  let i = 0;
  for (const key in value) {
    if (i === end) break;
    if (!Object.hasOwn(value, key)) continue;
    setOwn(out, key, value[key]);
    i++;
  }
  return out;
}

function ownKeyCount(value: JsonObject): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}
