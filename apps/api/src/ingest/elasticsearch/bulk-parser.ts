import { BadRequestException } from '@nestjs/common';
import { MALFORMED } from '../../logs/request-body';

export const BULK_ACTIONS = ['index', 'create', 'update', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface BulkItem {
  action: BulkAction;
  /** The action's `_index`, if it named one. */
  index: unknown;
  /** The parsed document of `index`/`create` (an object, or MALFORMED); none for the others. */
  document: Record<string, unknown> | typeof MALFORMED | undefined;
}

/**
 * The NDJSON of a bulk request: action lines, each followed by its document except `delete`.
 * An action line that is not an action breaks the pairing of everything after it, so, as in
 * Elasticsearch, it fails the whole request (naming its line number); a document that is not
 * JSON fails only its own item.
 */
export function parseBulk(text: string): BulkItem[] {
  const lines = text.split('\n');
  const items: BulkItem[] = [];
  let at = 0;
  const next = (): string | undefined => {
    while (at < lines.length) {
      const line = lines[at].trim();
      at += 1;
      if (line !== '') return line;
    }
    return undefined;
  };
  for (let line = next(); line !== undefined; line = next()) {
    const lineNumber = at;
    const { action, meta } = actionOf(line, lineNumber);
    if (action === 'delete') {
      items.push({ action, index: meta['_index'], document: undefined });
      continue;
    }
    const source = next();
    if (source === undefined) {
      throw new BadRequestException(
        `Bulk action on line ${lineNumber} has no document: each ${action} is followed by one line`,
      );
    }
    items.push({
      action,
      index: meta['_index'],
      document: action === 'update' ? undefined : documentOf(source),
    });
  }
  return items;
}

function actionOf(
  line: string,
  lineNumber: number,
): { action: BulkAction; meta: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  const keys = isObject(parsed) ? Object.keys(parsed) : [];
  const action = keys[0] as BulkAction;
  const meta: unknown = isObject(parsed) ? parsed[action] : undefined;
  if (keys.length !== 1 || !BULK_ACTIONS.includes(action) || !isObject(meta)) {
    throw new BadRequestException(
      `Malformed action/metadata line [${lineNumber}]: expected an object with one of ` +
        `${BULK_ACTIONS.join(', ')}`,
    );
  }
  return { action, meta };
}

function documentOf(line: string): Record<string, unknown> | typeof MALFORMED {
  try {
    const parsed: unknown = JSON.parse(line);
    return isObject(parsed) ? parsed : MALFORMED;
  } catch {
    return MALFORMED;
  }
}

function isObject(value: unknown): value is Record<string, Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
