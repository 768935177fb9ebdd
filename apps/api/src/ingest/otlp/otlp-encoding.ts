import type { BatchResult } from '@redtail/contracts';
import type { Request } from 'express';
import { mediaTypeOf } from '../../body/media-type';
import { describeRejections } from '../rejections';
import { ExportLogsServiceResponse } from './otlp-proto';

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
      : {
          rejectedLogRecords: result.rejected,
          errorMessage: describeRejections(result, 'log record'),
        };
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
