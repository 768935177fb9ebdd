import type { MaskCounts } from '@redtail/contracts';
import type { SealedFields } from './entry-codec';
import type { NormalisedInput } from './log-input';
import type { LogMasker } from './log-masker';
import { capContext, ContextLimits } from './context-cap';
import { exceedsBytes, truncateBytes } from './text-size';

/** How much of an entry is kept after masking; longer parts are cut and the entry marked. */
export interface SizeLimits {
  maxMessageBytes: number;
  context: ContextLimits;
}

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
  limits: SizeLimits,
): MaskedInput {
  const masked: MaskCounts = {};
  let message = masker.maskText(input.message, masked).value;
  // Every context is parsed JSON (or a plain object of parsed fields), so the copy-on-write
  // walk applies; the input is dropped after this, so sharing its unchanged parts is safe.
  let context = input.context && masker.maskJson(input.context, masked).value;
  let truncated = exceedsBytes(message, limits.maxMessageBytes);
  if (truncated) message = truncateBytes(message, limits.maxMessageBytes);
  if (context) {
    const capped = capContext(context, limits.context);
    context = capped.context;
    truncated ||= capped.truncated;
  }
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
