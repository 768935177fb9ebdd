import type { LogLevel } from './levels';

/** Counts of masked values per detector type, e.g. `{ EMAIL: 2 }`. Never the values. */
export type MaskCounts = Partial<Record<string, number>>;

/** What a client sends to `POST /logs` (canonical shape). */
export interface LogInput {
  level: LogLevel | string | number;
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
}

export interface IngestResult {
  id: string;
  seq: number;
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

/** Query of `GET /logs`; every field is optional and they combine with AND. */
export interface LogQuery {
  /** At most 1 000; default 100. */
  limit?: number;
  /** Only entries with a smaller `seq` (older): the paging cursor. */
  before?: number;
  /** Only entries with a larger `seq` (newer). */
  after?: number;
  /** Minimum level. */
  level?: LogLevel;
  service?: string;
  /** Case-insensitive substring of the (masked) message. */
  q?: string;
  /** Hides entries whose masked message contains this. */
  exclude?: string;
  /** `q` and `exclude` are regular expressions (`regex=1` in a query string). */
  regex?: boolean;
  /** ISO-8601 or epoch milliseconds, compared with `timestamp`. */
  since?: string;
  until?: string;
}

/** `POST /logs/resume`. */
export interface ResumeResult {
  at: string;
  lockdown: false;
}
