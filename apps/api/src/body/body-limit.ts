import { PayloadTooLargeException } from '@nestjs/common';
import type { Env } from '../app/env';

/** The two body limits a route can take, by the setting that holds them. */
export type BodyLimitSetting = 'LOG_MAX_BODY' | 'LOG_MAX_BULK_BODY';

export interface BodyLimit {
  setting: BodyLimitSetting;
  bytes: number;
}

export function bodyLimit(env: Env, setting: BodyLimitSetting): BodyLimit {
  return { setting, bytes: env[setting] };
}

/** Names the setting, so whoever reads the client's log knows what to raise or split. */
export function tooLarge(limit: BodyLimit, when?: 'after decompression'): PayloadTooLargeException {
  return new PayloadTooLargeException(
    `Request body is larger than ${limit.setting} (${limit.bytes} bytes)${when ? ` ${when}` : ''}; ` +
      'send smaller batches',
  );
}
