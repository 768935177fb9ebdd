import { MaskingWalk, type ValueMaskingLimits, type ValueMaskingParts } from './masking-walk';
import type { MaskCounts } from './types';

export const MARKERS = {
  maxDepth: '[MAX_DEPTH]',
  truncated: '[TRUNCATED]',
  circular: '[CIRCULAR]',
  unreadable: '[UNREADABLE]',
  binary: '[BINARY]',
} as const;

/**
 * Copies a structured value with every string masked and every value under a sensitive key
 * replaced whole. Never mutates the input; cycles, depth and size are bounded so a hostile
 * value cannot blow the stack or run away with the CPU.
 */
export class ValueMasker {
  constructor(
    private readonly parts: ValueMaskingParts,
    private readonly limits: ValueMaskingLimits,
  ) {}

  mask<T>(value: T, counts: MaskCounts): T {
    return new ValueWalk(this.parts, this.limits, counts).visit(value, 0) as T;
  }
}

class ValueWalk extends MaskingWalk {
  // At most maxDepth long, so a scan beats allocating a Set for every call.
  private readonly ancestors: object[] = [];

  protected override visitObject(value: object, depth: number): unknown {
    if (depth >= this.limits.maxDepth) return MARKERS.maxDepth;
    if (this.ancestors.includes(value)) return MARKERS.circular;
    if (value instanceof Date) return new Date(value.getTime());
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return MARKERS.binary;
    this.ancestors.push(value);
    try {
      if (Array.isArray(value)) return this.visitArray(value, depth);
      if (value instanceof Map) return this.visitMap(value, depth);
      if (value instanceof Set) return new Set(this.visitArray([...value], depth));
      if (value instanceof Error) return this.visitEntries(errorEntries(value), depth);
      return this.visitPlain(value, depth);
    } catch {
      return MARKERS.unreadable;
    } finally {
      this.ancestors.pop();
    }
  }

  private visitArray(items: readonly unknown[], depth: number): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      if (this.exhausted) {
        out.push(MARKERS.truncated);
        break;
      }
      out.push(this.visit(items[i], depth + 1));
    }
    return out;
  }

  private visitMap(map: Map<unknown, unknown>, depth: number): Map<unknown, unknown> {
    const out = new Map<unknown, unknown>();
    for (const [key, item] of map) {
      if (this.exhausted) {
        out.set(MARKERS.truncated, MARKERS.truncated);
        break;
      }
      if (typeof key === 'string') {
        out.set(this.parts.maskText(key, this.counts), this.visitProperty(key, item, depth));
      } else {
        out.set(this.visit(key, depth + 1), this.visit(item, depth + 1));
      }
    }
    return out;
  }

  /** Plain objects are walked by key directly: no per-key entry objects or closures. */
  private visitPlain(value: object, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value);
    let omitted = 0;
    for (let i = 0; i < keys.length; i++) {
      if (this.exhausted) {
        omitted = keys.length - i;
        break;
      }
      const key = keys[i];
      let item: unknown;
      try {
        item = (value as Record<string, unknown>)[key];
      } catch {
        item = MARKERS.unreadable;
      }
      this.addProperty(out, key, item, depth);
    }
    if (omitted > 0) setOwn(out, MARKERS.truncated, omitted);
    return out;
  }

  private visitEntries(entries: readonly Entry[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let omitted = 0;
    for (const { key, read } of entries) {
      if (this.exhausted) {
        omitted++;
        continue;
      }
      let item: unknown;
      try {
        item = read();
      } catch {
        item = MARKERS.unreadable;
      }
      this.addProperty(out, key, item, depth);
    }
    if (omitted > 0) setOwn(out, MARKERS.truncated, omitted);
    return out;
  }

  private addProperty(
    out: Record<string, unknown>,
    key: string,
    item: unknown,
    depth: number,
  ): void {
    const maskedKey = this.parts.maskText(key, this.counts);
    // A fresh key is the common case; only a masked key that collides needs a suffix search.
    const name = maskedKey in out ? uniqueKey(out, maskedKey) : maskedKey;
    setOwn(out, name, this.visitProperty(key, item, depth));
  }
}

interface Entry {
  key: string;
  read: () => unknown;
}

function ownEntries(value: object): Entry[] {
  return Object.keys(value).map((key) => ({
    key,
    read: () => (value as Record<string, unknown>)[key],
  }));
}

/** An Error's message and stack are not enumerable, but they are exactly what logs carry. */
function errorEntries(error: Error): Entry[] {
  const entries: Entry[] = [
    { key: 'name', read: () => error.name },
    { key: 'message', read: () => error.message },
    { key: 'stack', read: () => error.stack },
  ];
  return entries.concat(
    ownEntries(error).filter((entry) => !['name', 'message', 'stack'].includes(entry.key)),
  );
}

/** Masked keys can collide (two addresses both become `[EMAIL]`); later ones get `#2`, `#3`… */
export function uniqueKey(target: object, key: string): string {
  if (!Object.prototype.hasOwnProperty.call(target, key)) return key;
  let suffix = 2;
  while (Object.prototype.hasOwnProperty.call(target, `${key}#${suffix}`)) suffix++;
  return `${key}#${suffix}`;
}

/**
 * Plain assignment keeps the copy a fast-properties object (defining every key made V8 switch
 * it to a slow dictionary, which then also slowed every JSON.stringify of it); only `__proto__`
 * needs defining, since assigning it would change the prototype instead of adding a key.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}
