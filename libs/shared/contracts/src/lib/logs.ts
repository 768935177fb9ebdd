import type { LogFilter } from './filter';
import type { LogLevel } from './levels';

/** Counts of masked values per detector type, e.g. `{ EMAIL: 2 }`. Never the values. */
export type MaskCounts = Partial<Record<string, number>>;

/** True when `counts` names no type: nothing in the entry was masked. */
export function nothingMasked(counts: MaskCounts): boolean {
  for (const key in counts) if (Object.hasOwn(counts, key)) return false;
  return true;
}

/** What a client sends to `POST /logs` (canonical shape). */
export interface LogInput {
  /** `info` when absent. */
  level?: LogLevel | string | number;
  message: string;
  service?: string;
  /** ISO-8601 string or epoch milliseconds; defaults to the time of receipt. */
  timestamp?: string | number;
  context?: Record<string, unknown>;
  traceId?: string;
  spanId?: string;
}

/** A stored entry as readers see it: message and context are already masked. */
export interface LogEntry {
  /** Opaque, URL-safe id (`<epoch>-<seq>`), valid until the next panic. */
  id: string;
  /** Monotonic sequence number; the cursor for paging and resume. */
  seq: number;
  level: LogLevel;
  service: string;
  message: string;
  /** ISO-8601: when the event happened, as the sender said (or receipt time). */
  timestamp: string;
  /** ISO-8601: when Redtail accepted it. */
  receivedAt: string;
  context?: Record<string, unknown>;
  traceId?: string;
  spanId?: string;
  masked: MaskCounts;
  /** Set when the message was longer than the configured limit and was cut. */
  truncated?: true;
  /**
   * Live stream only, for a subscription that asked for no context (`withContext: false`): the
   * entry has a context that was not sent. `GET /logs/:id` returns the entry whole.
   */
  contextWithheld?: true;
}

/**
 * The ways in: Redtail's own HTTP routes, the standard protocols of other shippers, and the
 * streaming door. Metrics count what each one received.
 */
export const INGEST_DOORS = ['http', 'otlp', 'loki', 'elasticsearch', 'syslog', 'stream'] as const;
export type IngestDoor = (typeof INGEST_DOORS)[number];

export interface IngestResult {
  id: string;
  seq: number;
  /** The level stored: `info` when the entry had none, the canonical name when it had an alias or a number. */
  level: LogLevel;
  masked: MaskCounts;
}

export interface BatchItemError {
  index: number;
  /** Dotted path of the offending field, when one field is to blame. */
  field?: string;
  reason: string;
}

export interface BatchResult {
  accepted: number;
  rejected: number;
  ids: string[];
  errors: BatchItemError[];
}

export interface LogPage {
  /** Newest first. */
  entries: LogEntry[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextBefore: number | null;
}

export interface LogContext {
  target: LogEntry;
  before: LogEntry[];
  after: LogEntry[];
}

/**
 * Query of `GET /logs`: the shared filter (see `filter.ts`) plus paging. In a query string lists
 * are comma-separated or repeated, `regex` is `1`/`0` and times are ISO-8601 or epoch milliseconds.
 */
export interface LogQuery extends LogFilter {
  /** At most 1 000; default 100. */
  limit?: number;
  /** Only entries with a smaller `seq` (older): the paging cursor. */
  before?: number;
  /** Only entries with a larger `seq` (newer). */
  after?: number;
}

/** `GET /logs/histogram`: entries per level in equal time buckets, for the volume chart. */
export interface LogHistogram {
  /** Epoch milliseconds: start of the first bucket. */
  from: number;
  /** Epoch milliseconds: end of the last bucket (exclusive). */
  to: number;
  bucketMs: number;
  /** Oldest first; every bucket present, empty ones with zero counts. */
  buckets: HistogramBucket[];
  /** False when the scan stopped at its work budget; the counts then cover the newest entries only. */
  complete: boolean;
}

export interface HistogramBucket {
  /** Epoch milliseconds. */
  start: number;
  counts: Record<LogLevel, number>;
}

/** Bounds of `GET /logs/values`. */
export const FIELD_VALUES_LIMITS = {
  /** Most values one answer lists. */
  top: 50,
  /** Distinct values counted; once reached, further new values count as `other`. */
  distinct: 10_000,
} as const;

/** `GET /logs/values`: how often each value of one field occurs in the entries of a filter. */
export interface LogFieldValues {
  /** The dotted path counted (`traceId` and `spanId` are the entry's own). */
  field: string;
  /** The most frequent values, most frequent first (equal counts by value). */
  values: FieldValueCount[];
  /** Matching entries whose value is not listed (beyond the top, or past the distinct bound). */
  other: number;
  /** Matching entries without the field, or with an object or array there. */
  missing: number;
  /** Matching entries looked at. */
  counted: number;
  /** False when the scan stopped at its work budget: the newest entries were counted. */
  complete: boolean;
}

export interface FieldValueCount {
  /** The value as `where` compares it (`path=value` selects these entries). */
  value: string;
  count: number;
}

/** `POST /logs/resume`. */
export interface ResumeResult {
  at: string;
  lockdown: false;
}
