import { LOG_LEVELS, LogEntry, MaskCounts } from '@redtail/contracts';
import type { EntryMeta } from './ports/log-store';

/** The part of an entry that is only ever stored sealed. */
export interface SealedFields {
  seq: number;
  message: string;
  context: Record<string, unknown> | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
  masked: MaskCounts;
  truncated: boolean;
}

type Encoded = [
  number,
  string,
  Record<string, unknown> | 0,
  string | 0,
  string | 0,
  MaskCounts,
  0 | 1,
];

/**
 * One JSON array per entry: compact, and JSON never contains a raw newline,
 * so a block's plaintext is readable NDJSON if it is ever debugged. The seq
 * travels inside the ciphertext so an entry cannot be swapped with another.
 */
export function encodeEntry(fields: SealedFields): string {
  return withSeq(fields.seq, encodeEntryTail(fields));
}

/**
 * Everything after the seq: entries are masked (and their size checked) before the store numbers
 * them, so the seq is put in front last.
 */
export function encodeEntryTail(fields: Omit<SealedFields, 'seq'>): string {
  const encoded: Encoded = [
    0,
    fields.message,
    fields.context ?? 0,
    fields.traceId ?? 0,
    fields.spanId ?? 0,
    fields.masked,
    fields.truncated ? 1 : 0,
  ];
  return JSON.stringify(encoded).slice(2);
}

export function withSeq(seq: number, tail: string): string {
  return `[${seq}${tail}`;
}

export function decodeEntry(text: string): SealedFields {
  const [seq, message, context, traceId, spanId, masked, truncated] = JSON.parse(text) as Encoded;
  return {
    seq,
    message,
    context: context === 0 ? undefined : context,
    traceId: traceId === 0 ? undefined : traceId,
    spanId: spanId === 0 ? undefined : spanId,
    masked,
    truncated: truncated === 1,
  };
}

/** The reader's view of an entry: its clear metadata joined with its opened fields. */
export function toEntry(
  epoch: number,
  meta: EntryMeta,
  fields: Omit<SealedFields, 'seq'>,
  receivedIso = new Date(meta.receivedAt).toISOString(),
): LogEntry {
  const entry: LogEntry = {
    id: `${epoch}-${meta.seq}`,
    seq: meta.seq,
    level: LOG_LEVELS[meta.level],
    service: meta.service,
    message: fields.message,
    timestamp:
      meta.timestamp === meta.receivedAt ? receivedIso : new Date(meta.timestamp).toISOString(),
    receivedAt: receivedIso,
    masked: fields.masked,
  };
  if (fields.context !== undefined) entry.context = fields.context;
  if (fields.traceId !== undefined) entry.traceId = fields.traceId;
  if (fields.spanId !== undefined) entry.spanId = fields.spanId;
  if (fields.truncated) entry.truncated = true;
  return entry;
}
