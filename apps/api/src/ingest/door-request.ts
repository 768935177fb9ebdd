import type { Request } from 'express';
import type { AuthenticatedRequest } from '../auth/authenticated-request';

/** An ingest key bound to a service files everything it sends under that service. */
export function boundServiceOf(request: Request): string | undefined {
  return (request as Partial<AuthenticatedRequest>).identity?.service;
}

/**
 * What a door answers during a panic lockdown, in seconds. Lockdown lasts until an admin resumes,
 * so there is no true figure; half a minute keeps retrying shippers (OTel, Promtail, Alloy)
 * polling gently and their buffers intact.
 */
export const LOCKDOWN_RETRY_AFTER_SECONDS = 30;
