import type { IncomingMessage } from 'node:http';

/**
 * Calls `onRecord` with each JSON line of a streamed NDJSON response as it completes (a
 * `POST /logs/stream` answers with `{"ack":n}` and `{"rejected":…}` lines while the request is
 * still being written); a line split across chunks waits for its end.
 */
export function readNdjsonRecords<T>(response: IncomingMessage, onRecord: (record: T) => void) {
  let pending = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const record = JSON.parse(pending.slice(0, newline)) as T;
      pending = pending.slice(newline + 1);
      onRecord(record);
      newline = pending.indexOf('\n');
    }
  });
}
