import type { LogEntry } from '@redtail/contracts';

/** One value of an entry's context, by its dotted path. */
export interface ContextField {
  path: string;
  /** As shown: a scalar's text, or an array's JSON. */
  text: string;
  /** Whether the path can be a column (`?fields=` takes dotted names only). */
  column: boolean;
  /**
   * The `path=value` condition the server matches this value with, when it can: only scalars
   * compare, and only paths whose names hold no dots or spaces.
   */
  condition: string | null;
}

const NAME = /^[\w$-]+$/;
/** Conditions longer than the filter contract's limit would be refused. */
const MAX_CONDITION = 300;

/** The entry's context flattened to leaves, then its trace and span ids, in their order. */
export function contextFields(entry: LogEntry): ContextField[] {
  const fields: ContextField[] = [];
  const visit = (value: unknown, path: string, addressable: boolean): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) {
        visit(inner, path ? `${path}.${key}` : key, addressable && NAME.test(key));
      }
      return;
    }
    const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const condition = `${path}=${text}`;
    fields.push({
      path,
      text,
      column: addressable,
      condition: addressable && scalar && condition.length <= MAX_CONDITION ? condition : null,
    });
  };
  visit(entry.context ?? {}, '', true);
  for (const own of ['traceId', 'spanId'] as const) {
    const value = entry[own];
    if (value) fields.push({ path: own, text: value, column: true, condition: `${own}=${value}` });
  }
  return fields;
}
