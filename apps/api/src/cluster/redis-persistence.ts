import type Redis from 'ioredis';

export interface RedisPersistence {
  persistent: boolean;
  /** Human-readable reasons, e.g. `save "3600 1"`, `appendonly yes`. */
  reasons: string[];
}

/**
 * Redtail promises that logs never touch disk; in cluster mode that promise
 * extends to Redis, so RDB snapshots (`save`) and the AOF (`appendonly`) must
 * both be off.
 */
export async function inspectRedisPersistence(redis: Redis): Promise<RedisPersistence> {
  const [, save] = (await redis.config('GET', 'save')) as [string, string];
  const [, appendonly] = (await redis.config('GET', 'appendonly')) as [string, string];
  const reasons: string[] = [];
  if (save.trim() !== '') reasons.push(`save "${save}"`);
  if (appendonly === 'yes') reasons.push('appendonly yes');
  return { persistent: reasons.length > 0, reasons };
}
