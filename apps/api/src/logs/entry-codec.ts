import {
  CONTEXT_WITHHELD,
  LOG_LEVELS,
  LogEntry,
  MaskCounts,
  nothingMasked,
} from '@redtail/contracts';
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

/**
 * A sealed entry is one JSON array, `[seq, message, masked, context, traceId, spanId, truncated]`,
 * absent fields `0` and trailing absent ones left out: compact, and JSON never contains a raw
 * newline, so a block's plaintext is readable NDJSON if it is ever debugged. The seq travels
 * inside the ciphertext so an entry cannot be swapped with another. From the message on, the
 * order is the live row's (`LiveRow` in the contracts), so a live row is spliced from the same
 * JSON (`liveRowText`) instead of serialising every entry a second time.
 */
type Optional = [MaskCounts | 0, Record<string, unknown> | 0, string | 0, string | 0, 0 | 1];
type Encoded = [number, string, ...Partial<Optional>];

/**
 * An entry's sealed fields as JSON, before the store numbers it: the seq is written in front when
 * its block is sealed (`writeEntry`).
 */
export interface EncodedFields {
  /** The message as a JSON string. */
  message: string;
  /** The fields after the message as array elements with the closing `]` (`0,{"a":1}]`), or `]`. */
  rest: string;
  /** UTF-8 bytes of the entry without its `[seq`. */
  bytes: number;
}

export function encodeFields(fields: Omit<SealedFields, 'seq'>): EncodedFields {
  const message = JSON.stringify(fields.message);
  const rest = restText(fields, fields.context ?? 0);
  const separators = rest.length === 1 ? 1 : 2;
  return {
    message,
    rest,
    bytes: separators + Buffer.byteLength(message) + Buffer.byteLength(rest),
  };
}

/**
 * `rest` for a live row sent without context (`withContext: false`): the context's place holds
 * `CONTEXT_WITHHELD`. Entries without context keep the text they have.
 */
export function restWithoutContext(
  fields: Omit<SealedFields, 'seq'>,
  encoded: EncodedFields,
): string {
  return fields.context === undefined ? encoded.rest : restText(fields, CONTEXT_WITHHELD);
}

/** The fields after the message, as `encodeFields` describes `rest`. */
function restText(
  fields: Omit<SealedFields, 'seq'>,
  context: Record<string, unknown> | 0 | typeof CONTEXT_WITHHELD,
): string {
  const optional: (Optional[number] | typeof CONTEXT_WITHHELD)[] = [
    nothingMasked(fields.masked) ? 0 : fields.masked,
    context,
    fields.traceId ?? 0,
    fields.spanId ?? 0,
    fields.truncated ? 1 : 0,
  ];
  let length = optional.length;
  while (length > 0 && optional[length - 1] === 0) length -= 1;
  optional.length = length;
  // A slice of 13 characters or more is a view, not a copy.
  return length === 0 ? ']' : JSON.stringify(optional).slice(1);
}

const OPEN_BRACKET = 0x5b;
const COMMA = 0x2c;
const DIGIT_ZERO = 0x30;

/** UTF-8 bytes of the sealed entry `writeEntry` writes. */
export function entryBytes(seq: number, encoded: EncodedFields): number {
  return seqPrefixBytes(seq) + encoded.bytes;
}

/**
 * Writes the sealed entry (`[seq,message,…]`) into `buffer` at `offset` piece by piece and returns
 * its length. No `[seq…` string is built per entry: measuring such a string's UTF-8 length made V8
 * flatten it, a copy of the whole entry for every entry stored (bench/findings.md, 2026-12-03).
 */
export function writeEntry(
  buffer: Buffer,
  offset: number,
  seq: number,
  encoded: EncodedFields,
): number {
  let at = offset + writeSeqPrefix(buffer, offset, seq);
  buffer[at++] = COMMA;
  at += buffer.write(encoded.message, at);
  if (encoded.rest.length > 1) buffer[at++] = COMMA;
  at += buffer.write(encoded.rest, at);
  return at - offset;
}

function seqPrefixBytes(seq: number): number {
  let digits = 1;
  for (let rest = seq; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  return 1 + digits;
}

/** `[` and the seq's decimal digits. */
function writeSeqPrefix(buffer: Buffer, offset: number, seq: number): number {
  const length = seqPrefixBytes(seq);
  buffer[offset] = OPEN_BRACKET;
  let rest = seq;
  for (let at = offset + length - 1; at > offset; at -= 1) {
    buffer[at] = DIGIT_ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return length;
}

export function decodeEntry(text: string): SealedFields {
  const encoded = JSON.parse(text) as Encoded | EarlierEncoded;
  if (isEarlierEncoding(encoded)) {
    const [seq, message, context, traceId, spanId, masked, truncated] = encoded;
    return sealedFields(seq, message, masked, context, traceId, spanId, truncated);
  }
  const [seq, message, masked = 0, context = 0, traceId = 0, spanId = 0, truncated = 0] = encoded;
  return sealedFields(seq, message, masked, context, traceId, spanId, truncated);
}

/**
 * How builds before 2026-12-03 sealed an entry: always seven fields, `masked` (an object, even
 * when empty) sixth. A cluster's Redis may still hold such blocks after an upgrade, under an epoch
 * key it still has. In today's form a seven-field entry has its span id (a string or `0`) sixth,
 * never an object, so the two cannot be mistaken for each other.
 */
type EarlierEncoded = [
  number,
  string,
  Record<string, unknown> | 0,
  string | 0,
  string | 0,
  MaskCounts,
  0 | 1,
];

function isEarlierEncoding(encoded: Encoded | EarlierEncoded): encoded is EarlierEncoded {
  return encoded.length === 7 && typeof encoded[5] === 'object' && encoded[5] !== null;
}

function sealedFields(
  seq: number,
  message: string,
  masked: Optional[0],
  context: Optional[1],
  traceId: Optional[2],
  spanId: Optional[3],
  truncated: Optional[4],
): SealedFields {
  return {
    seq,
    message,
    context: context === 0 ? undefined : context,
    traceId: traceId === 0 ? undefined : traceId,
    spanId: spanId === 0 ? undefined : spanId,
    masked: masked === 0 ? {} : masked,
    truncated: truncated === 1,
  };
}

/**
 * The JSON of `toLiveRow` for an entry, byte for byte, spliced from its sealed encoding: a row's
 * fields from the message on are the sealed ones, in the same order. `head` is the row's level
 * and service (`LiveRowHeads`), `times` its `liveRowTimes(...)`, which entries of one turn without
 * their own timestamp share. What is concatenated here stays a rope until the websocket write
 * copies it once.
 */
export function liveRowText(
  seq: number,
  head: string,
  times: string,
  encoded: EncodedFields,
  rest = encoded.rest,
): string {
  const start = '[' + seq + head + encoded.message + times;
  return rest.length > 1 ? start + ',' + rest : start + rest;
}

/** A live row's `timestamp` and `receivedAt` (`0` when the same) as JSON, after a comma. */
export function liveRowTimes(timestampIso: string, receivedIso: string): string {
  return timestampIso === receivedIso
    ? `,"${timestampIso}",0`
    : `,"${timestampIso}","${receivedIso}"`;
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
