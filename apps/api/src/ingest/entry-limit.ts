import { PayloadTooLargeException } from '@nestjs/common';
import type { Env } from '../app/env';

/** Refuses a request carrying more entries than one door request may; the client splits it. */
export function assertEntryLimit(count: number, env: Env, what: string): void {
  if (count > env.LOG_MAX_BULK_ENTRIES) {
    throw new PayloadTooLargeException(
      `Request carries ${count} ${what}; LOG_MAX_BULK_ENTRIES is ${env.LOG_MAX_BULK_ENTRIES}: ` +
        'send smaller batches',
    );
  }
}
