/**
 * `POST /logs/stream`: the request body is NDJSON, one entry per line; the response is NDJSON,
 * one record per line. Lines are numbered by the client: the first line of a request is
 * `X-Redtail-Stream-Start` (1 when absent), each further line (blank ones too) one more.
 */
export const STREAM_ID_HEADER = 'X-Redtail-Stream-Id';
export const STREAM_START_HEADER = 'X-Redtail-Stream-Start';

/** A stream id: 1–64 letters, digits, `.`, `_`, `:` or `-` (a UUID fits). */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** Every line up to and including `ack` is done: stored, or reported in a `rejected` record. */
export interface StreamAck {
  ack: number;
}

/** One line the server will never store; sending it again gets the same answer. */
export interface StreamRejection {
  rejected: { line: number; field?: string; reason: string };
}

/**
 * Why the server ends the stream (always its last record). Lines after the last `ack` were not
 * stored: send them again on a new stream, after `retryAfter` seconds.
 * - `locked`: a panic locked ingestion down (until an admin resumes); ask again now and then.
 * - `panic`: a panic wiped the store; the lines it cut off can be sent again at once.
 * - `unavailable`: the store cannot be reached (cluster mode).
 * - `idle`, `limit`, `lifetime`: the connection was quiet, carried its LOG_STREAM_MAX_LINES or
 *   LOG_STREAM_MAX_BYTES, or lived LOG_STREAM_MAX_MS; reconnect when there is more to send.
 * - `replaced`: a newer connection took over this stream id.
 * - `shutdown`: this server is stopping; another may take the stream.
 */
export type StreamEndReason =
  | 'locked'
  | 'panic'
  | 'unavailable'
  | 'idle'
  | 'limit'
  | 'lifetime'
  | 'replaced'
  | 'shutdown';

export interface StreamEnd {
  error: StreamEndReason;
  message: string;
  retryAfter: number;
}

export type StreamRecord = StreamAck | StreamRejection | StreamEnd;
