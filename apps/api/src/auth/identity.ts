import type { Identity, Role } from '@redtail/contracts';

/** What the Socket.IO handshake attaches to `socket.data`. */
export interface SocketData {
  identity: Identity;
}

/** Admin can do everything; other roles only what they are named for. */
export function hasRole(identity: Identity, ...allowed: Role[]): boolean {
  return identity.role === 'admin' || allowed.includes(identity.role);
}
