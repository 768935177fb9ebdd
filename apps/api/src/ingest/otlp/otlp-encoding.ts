import type { BatchResult } from '@redtail/contracts';
import type { Request } from 'express';
import { mediaTypeOf } from '../../body/media-type';
import { ExportLogsServiceResponse } from './otlp-proto';

/** At most this many rejected records are described; the count covers them all. */
const DESCRIBED_REJECTIONS = 5;

export function isProtobufRequest(request: Request): boolean {
  return mediaTypeOf(request.headers)?.type === 'application/x-protobuf';
}

/**
 * `ExportLogsServiceResponse`: empty when every record was kept, otherwise a partial success
 * counting the rejected ones and saying why by position (never by content), e.g.
 * `record 3: level: unknown level`.
 */
export function exportResponse(result: BatchResult, protobuf: boolean): Buffer | object {
  const partialSuccess =
    result.rejected === 0
      ? undefined
      : { rejectedLogRecords: result.rejected, errorMessage: describeRejections(result) };
  if (protobuf) {
    return Buffer.from(
      ExportLogsServiceResponse.encode(partialSuccess ? { partialSuccess } : {}).finish(),
    );
  }
  return partialSuccess
    ? {
        partialSuccess: {
          rejectedLogRecords: String(partialSuccess.rejectedLogRecords),
          errorMessage: partialSuccess.errorMessage,
        },
      }
    : {};
}

function describeRejections(result: BatchResult): string {
  const described = result.errors
    .slice(0, DESCRIBED_REJECTIONS)
    .map(({ index, field, reason }) => `record ${index}: ${field ? `${field}: ` : ''}${reason}`);
  const more = result.errors.length - described.length;
  return `${result.rejected} log record(s) rejected: ${described.join('; ')}${
    more > 0 ? `; and ${more} more` : ''
  }`;
}
