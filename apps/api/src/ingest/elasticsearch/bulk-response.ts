import type { BatchResult, LogInput } from '@redtail/contracts';
import type { MALFORMED } from '../../logs/request-body';
import type { BulkAction } from './bulk-parser';

/** What one bulk action became before the pipeline: an entry to ingest, or an error already. */
export interface PlannedItem {
  action: BulkAction;
  index: string | undefined;
  input?: LogInput | typeof MALFORMED;
  error?: { status: number; type: string; reason: string };
}

interface ItemResult {
  _index: string | undefined;
  _id: string | null;
  status: number;
  result?: 'created';
  _version?: number;
  _seq_no?: number;
  _primary_term?: number;
  _shards?: { total: number; successful: number; failed: number };
  error?: { type: string; reason: string };
}

/**
 * The bulk answer, one item per action in request order: `index`/`create` items the pipeline
 * kept are 201 `created` with the entry's id; every other item carries its 4xx and reason, and
 * `errors` says whether there is any, which is what bulk clients read.
 */
export function bulkResponse(planned: readonly PlannedItem[], result: BatchResult, took: number) {
  const refused = new Map(result.errors.map((error) => [error.index, error]));
  let input = 0;
  let accepted = 0;
  const items = planned.map((item): Record<string, ItemResult> => {
    if (item.error) {
      const { status, type, reason } = item.error;
      return { [item.action]: { _index: item.index, _id: null, status, error: { type, reason } } };
    }
    const problem = refused.get(input);
    input += 1;
    if (problem) {
      const reason = problem.field ? `${problem.field}: ${problem.reason}` : problem.reason;
      return {
        [item.action]: {
          _index: item.index,
          _id: null,
          status: 400,
          error: { type: 'document_parsing_exception', reason },
        },
      };
    }
    const id = result.ids[accepted];
    accepted += 1;
    return {
      [item.action]: {
        _index: item.index,
        _id: id,
        _version: 1,
        result: 'created',
        _shards: { total: 1, successful: 1, failed: 0 },
        _seq_no: Number(id.slice(id.indexOf('-') + 1)),
        _primary_term: 1,
        status: 201,
      },
    };
  });
  return { took, errors: items.some((item) => Object.values(item)[0].status >= 400), items };
}
