import { Injectable } from '@nestjs/common';
import type { HandshakeErrorData, Identity } from '@redtail/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { Env } from '../app/env';
import { ApiKeyService } from './api-key.service';
import { AuditService } from './audit.service';
import { secretFromHandshake } from './credentials';
import { hasRole, type SocketData } from './identity';

/** The parts of a Socket.IO server socket the handshake needs (structural: Nest bundles its own socket.io). */
export interface HandshakeSocket {
  handshake: { address: string; auth: Record<string, unknown>; headers: IncomingHttpHeaders };
  nsp: { name: string };
  data: Partial<SocketData>;
  once(event: 'disconnect', listener: () => void): unknown;
}

/** The error a refused client receives as `connect_error`: `message` for people, `data.code` for code. */
export class HandshakeError extends Error {
  constructor(
    message: string,
    readonly data: HandshakeErrorData,
  ) {
    super(message);
  }
}

/**
 * Socket.IO middleware for the dashboard's namespace: the handshake must carry
 * a key with the viewer role (`auth: { token }`), and each key may hold only
 * so many sockets at once. The identity lands on `socket.data.identity`
 * before the gateway sees the connection.
 */
@Injectable()
export class SocketAuth {
  private readonly openPerKey = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  readonly middleware = (socket: HandshakeSocket, next: (error?: Error) => void): void => {
    const address = socket.handshake.address;
    const detail = `socket ${socket.nsp.name}`;
    const authentication = this.keys.authenticate(secretFromHandshake(socket.handshake));
    if ('failure' in authentication) {
      this.audit.record({ type: 'auth-failed', address, detail });
      next(
        new HandshakeError(
          authentication.failure === 'missing'
            ? 'An API key is required: connect with auth: { token: "<key>" }'
            : 'Unknown API key',
          { code: 'unauthorized' },
        ),
      );
      return;
    }
    const { identity } = authentication;
    if (!hasRole(identity, 'viewer')) {
      this.audit.record({ type: 'forbidden', actor: identity.name, address, detail });
      next(
        new HandshakeError(
          `The key "${identity.name}" has the ${identity.role} role; the live stream needs viewer`,
          { code: 'forbidden' },
        ),
      );
      return;
    }
    const bucket = this.bucketOf(identity, address);
    const open = this.openPerKey.get(bucket) ?? 0;
    if (open >= this.env.REDTAIL_SOCKETS_PER_KEY) {
      this.audit.record({ type: 'rate-limited', actor: identity.name, address, detail });
      next(
        new HandshakeError(
          `The key "${identity.name}" already has ${open} open connections, the most allowed`,
          { code: 'too-many-sockets' },
        ),
      );
      return;
    }
    this.openPerKey.set(bucket, open + 1);
    socket.once('disconnect', () => this.release(bucket));
    socket.data.identity = identity;
    next();
  };

  private release(bucket: string): void {
    const open = (this.openPerKey.get(bucket) ?? 1) - 1;
    if (open > 0) this.openPerKey.set(bucket, open);
    else this.openPerKey.delete(bucket);
  }

  /** With auth off everyone is "anonymous"; capping per address keeps the limit meaningful. */
  private bucketOf(identity: Identity, address: string): string {
    return identity.authDisabled ? `anonymous@${address}` : identity.name;
  }
}
