import type { Identity } from '@redtail/contracts';
import type { Request } from 'express';

/** A request that passed the roles guard; `identity` is whoever the key belongs to. */
export interface AuthenticatedRequest extends Request {
  identity: Identity;
}
