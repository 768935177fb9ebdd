import type { ParamMap } from '@angular/router';
import type { LogEntry } from '@redtail/contracts';

/** More would not fit beside the message; each path is at most this long. */
export const MAX_FIELD_COLUMNS = 6;
const MAX_PATH = 100;
/** A cell shows this much; the full value is in the detail pane. */
const MAX_CELL = 80;
const PATH = /^[\w$-]+(?:\.[\w$-]+)*$/;

/**
 * The context fields shown as columns in the tail, from the `fields` query parameter
 * (`?fields=status,user.id`), so the layout travels with a shared link like the filters do.
 */
export function fieldsFromParams(params: ParamMap): string[] {
  return parseFields(params.get('fields') ?? '');
}

/** Comma- or space-separated dotted paths; duplicates and anything that is not a path dropped. */
export function parseFields(text: string): string[] {
  const fields: string[] = [];
  for (const part of text.split(/[\s,]+/)) {
    if (part.length > MAX_PATH || !PATH.test(part) || fields.includes(part)) continue;
    fields.push(part);
    if (fields.length === MAX_FIELD_COLUMNS) break;
  }
  return fields;
}

/** True when a path reads the context, not the entry's own `traceId` or `spanId`. */
export function readsContext(path: string): boolean {
  return path !== 'traceId' && path !== 'spanId';
}

/**
 * False for a context field of a line that arrived without its context and has not been filled
 * in yet (or no longer can be): its cell says so instead of looking empty.
 */
export function fieldKnown(entry: LogEntry, path: string): boolean {
  return !(entry.contextWithheld && readsContext(path));
}

/**
 * One cell: the value at `path` in the entry's context (`traceId` and `spanId` name the entry's
 * own fields), as text; empty when the entry has no such field.
 */
export function fieldText(entry: LogEntry, path: string): string {
  let value: unknown = readsContext(path)
    ? valueAt(entry.context, path)
    : entry[path as 'traceId' | 'spanId'];
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') value = JSON.stringify(value);
  const text = String(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

function valueAt(context: Record<string, unknown> | undefined, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
