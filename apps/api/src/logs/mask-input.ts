import type { MaskCounts } from '@redtail/contracts';
import type { SealedFields } from './entry-codec';
import type { NormalisedInput } from './log-input';
import type { LogMasker } from './log-masker';

const TRUNCATION_MARKER = '… [truncated]';
const TRUNCATION_MARKER_BYTES = Buffer.byteLength(TRUNCATION_MARKER);

/** A masked entry, ready to be numbered (`seq` is 0 until then) and sealed. */
export interface MaskedInput extends SealedFields {
  service: string;
}

/**
 * The mask step of the story: every field a person or a tool may read is masked — message,
 * context (keys and values), service, trace and span ids — then an over-long message is cut
 * (after masking, so a cut can never expose half of a secret). A service forced by a bound
 * ingest key comes from the operator's configuration and is kept as written.
 */
export function maskInput(
  masker: LogMasker,
  input: NormalisedInput,
  forcedService: string | undefined,
  maxMessageBytes: number,
): MaskedInput {
  const masked: MaskCounts = {};
  let message = masker.maskText(input.message, masked).value;
  // Every context is parsed JSON (or a plain object of parsed fields), so the copy-on-write
  // walk applies; the input is dropped after this, so sharing its unchanged parts is safe.
  const context = input.context && masker.maskJson(input.context, masked).value;
  const truncated = exceedsBytes(message, maxMessageBytes);
  if (truncated) message = truncateBytes(message, maxMessageBytes);
  return {
    seq: 0,
    service: forcedService ?? masker.maskText(input.service, masked).value,
    message,
    context,
    traceId: input.traceId && masker.maskText(input.traceId, masked).value,
    spanId: input.spanId && masker.maskText(input.spanId, masked).value,
    masked,
    truncated,
  };
}

export function exceedsBytes(text: string, limit: number): boolean {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no counting.
  return text.length * 3 > limit && Buffer.byteLength(text) > limit;
}

const encoder = new TextEncoder();

/** Cuts at a character boundary (encodeInto never splits one) and appends the marker. */
export function truncateBytes(text: string, limit: number): string {
  const room = Math.max(0, limit - TRUNCATION_MARKER_BYTES);
  const { read } = encoder.encodeInto(text, new Uint8Array(room));
  return text.slice(0, read) + TRUNCATION_MARKER;
}
