import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { Env } from '../app/env';

export function corsOrigins(env: Env): string[] {
  return (env.REDTAIL_CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/** Undefined (no CORS headers at all, so same-origin only) unless origins are listed. */
export function corsOptions(env: Env): CorsOptions | undefined {
  const origins = corsOrigins(env);
  if (origins.length === 0) return undefined;
  return {
    origin: origins,
    allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  };
}
