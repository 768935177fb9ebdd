import type { Identity, Role } from '@redtail/contracts';

/** What the Socket.IO handshake attaches to `socket.data`. */
export interface SocketData {
  identity: Identity;
  /** The client's address behind any trusted proxies (REDTAIL_TRUST_PROXY); use it for limits and the audit trail. */
  address: string;
}

/** Admin can do everything; other roles only what they are named for. */
export function hasRole(identity: Identity, ...allowed: Role[]): boolean {
  return identity.role === 'admin' || allowed.includes(identity.role);
}
