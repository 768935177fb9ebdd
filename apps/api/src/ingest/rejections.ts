import type { BatchResult } from '@redtail/contracts';

/** At most this many refused entries are described; the count covers them all. */
const DESCRIBED = 5;

/**
 * What the pipeline refused, by position in the request and reason, never by content:
 * `1 of 3 lines rejected (the others were stored): line 2: level: unknown level`.
 */
export function describeRejections(result: BatchResult, unit: string): string {
  const described = result.errors
    .slice(0, DESCRIBED)
    .map(({ index, field, reason }) => `${unit} ${index}: ${field ? `${field}: ` : ''}${reason}`);
  const more = result.errors.length - described.length;
  const total = result.accepted + result.rejected;
  return (
    `${result.rejected} of ${total} ${unit}s rejected (the others were stored): ` +
    described.join('; ') +
    (more > 0 ? `; and ${more} more` : '')
  );
}
