import type { StreamRecord } from '@redtail/contracts';

/** Cuts the server's NDJSON answer into records as chunks arrive; skips what is not a record. */
export class RecordReader {
  private pending = '';

  push(chunk: string): StreamRecord[] {
    this.pending += chunk;
    const records: StreamRecord[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline).trim();
      this.pending = this.pending.slice(newline + 1);
      if (line !== '') {
        try {
          const value = JSON.parse(line) as unknown;
          if (typeof value === 'object' && value !== null) records.push(value as StreamRecord);
        } catch {
          // A proxy's page instead of records: the connection ends without a last record and
          // the shipper sends again from its last ack.
        }
      }
      newline = this.pending.indexOf('\n');
    }
    return records;
  }
}
