import { LOG_LEVELS } from './levels';
import { type LogEntry, type MaskCounts, nothingMasked } from './logs';

/**
 * One entry of the live stream as it travels: a tuple, so no field name is repeated per entry,
 * and no `id` (it is `<epoch>-<seq>`, the epoch travels once per block). A client decodes a few
 * hundred bytes per entry for every entry of every tick; names and ids were a third of them.
 * Absent optional fields are `0`; trailing absent ones are left out.
 */
export type LiveRow = [
  seq: number,
  /** Index in `LOG_LEVELS`. */
  level: number,
  service: string,
  message: string,
  /** ISO-8601. */
  timestamp: string,
  /** ISO-8601; `0` when equal to `timestamp` (an entry sent without one). */
  receivedAt: string | 0,
  /** `0` when nothing was masked. */
  masked?: MaskCounts | 0,
  /** `1`: the entry has a context, withheld from this subscription (`withContext: false`). */
  context?: Record<string, unknown> | 0 | 1,
  traceId?: string | 0,
  spanId?: string | 0,
  truncated?: 0 | 1,
];

/** The `logs` event: entries of one epoch, oldest first. */
export interface LiveBlock {
  epoch: number;
  rows: LiveRow[];
}

/**
 * The `masked` of every entry that had nothing masked, shared: a dashboard holds tens of thousands
 * of entries, most of them with nothing masked, and an empty object each is 28 bytes of heap the
 * collector then has to mark. Frozen, so a mistaken write fails instead of reaching every entry.
 */
const NOTHING_MASKED: MaskCounts = Object.freeze({});

/** Where `masked` sits in a row: the fields from there on are optional. */
const FIRST_OPTIONAL = 6;

/** A row whose entry has a context but was sent without it carries this in its place. */
export const CONTEXT_WITHHELD = 1;

/** `withContext: false` leaves the context out and marks where it was. */
export function toLiveRow(entry: LogEntry, withContext = true): LiveRow {
  const row: LiveRow = [
    entry.seq,
    LOG_LEVELS.indexOf(entry.level),
    entry.service,
    entry.message,
    entry.timestamp,
    entry.receivedAt === entry.timestamp ? 0 : entry.receivedAt,
    nothingMasked(entry.masked) ? 0 : entry.masked,
    entry.context === undefined ? 0 : withContext ? entry.context : CONTEXT_WITHHELD,
    entry.traceId ?? 0,
    entry.spanId ?? 0,
    entry.truncated ? 1 : 0,
  ];
  let length = row.length;
  while (length > FIRST_OPTIONAL && row[length - 1] === 0) length -= 1;
  row.length = length;
  return row;
}

export function fromLiveRow(epoch: number, row: LiveRow): LogEntry {
  const [seq, level, service, message, timestamp, receivedAt, masked, context, traceId, spanId] =
    row;
  const entry: LogEntry = {
    id: `${epoch}-${seq}`,
    seq,
    level: LOG_LEVELS[level] ?? 'info',
    service,
    message,
    timestamp,
    receivedAt: receivedAt || timestamp,
    masked: masked || NOTHING_MASKED,
  };
  if (context === CONTEXT_WITHHELD) entry.contextWithheld = true;
  else if (context) entry.context = context;
  if (traceId) entry.traceId = traceId;
  if (spanId) entry.spanId = spanId;
  if (row[10] === 1) entry.truncated = true;
  return entry;
}

/** Entries of one epoch as a block; the epoch is read from the first entry's id. */
export function toLiveBlock(entries: readonly LogEntry[]): LiveBlock {
  return { epoch: epochOf(entries[0]?.id), rows: entries.map((entry) => toLiveRow(entry)) };
}

export function fromLiveBlock(block: LiveBlock): LogEntry[] {
  return block.rows.map((row) => fromLiveRow(block.epoch, row));
}

function epochOf(id: string | undefined): number {
  return id ? Number(id.slice(0, id.indexOf('-'))) : 0;
}
