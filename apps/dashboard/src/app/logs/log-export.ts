import type { LogEntry } from '@redtail/contracts';

export const NDJSON_TYPE = 'application/x-ndjson';

/**
 * One JSON object per line, oldest first, as the buffer holds them: entries are masked at ingest,
 * so an export never contains more than the screen did.
 */
export function toNdjson(entries: readonly LogEntry[]): string {
  let text = '';
  for (const entry of entries) text += JSON.stringify(entry) + '\n';
  return text;
}

/** `redtail-2026-01-02T03-04-05Z.ndjson`: sortable and safe on every file system. */
export function exportFileName(at: Date): string {
  return `redtail-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')}.ndjson`;
}
