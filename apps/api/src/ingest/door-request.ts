import type { Request } from 'express';
import type { AuthenticatedRequest } from '../auth/authenticated-request';

/** An ingest key bound to a service files everything it sends under that service. */
export function boundServiceOf(request: Request): string | undefined {
  return (request as Partial<AuthenticatedRequest>).identity?.service;
}
