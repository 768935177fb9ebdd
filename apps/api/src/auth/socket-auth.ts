import { Injectable } from '@nestjs/common';
import type { HandshakeErrorData, Identity } from '@redtail/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { Env } from '../app/env';
import { AddressBudget } from './address-budget';
import { ApiKeyService } from './api-key.service';
import { AuditService } from './audit.service';
import { ClientAddress } from './client-address';
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
 * so many sockets at once. A handshake without a valid key spends its
 * address's budget, the one HTTP spends too (`AddressBudget`); past it, every
 * handshake from that address is refused as `rate-limited` before its key is
 * looked at. The identity and the client's address land on `socket.data`
 * before the gateway sees the connection.
 */
@Injectable()
export class SocketAuth {
  private readonly openPerKey = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
    private readonly addresses: AddressBudget,
    private readonly clientAddress: ClientAddress,
    private readonly env: Env,
  ) {}

  readonly middleware = (socket: HandshakeSocket, next: (error?: Error) => void): void => {
    const { handshake } = socket;
    const address = this.clientAddress.of(handshake.address, handshake.headers);
    const detail = `socket ${socket.nsp.name}`;
    const refuseForRate = (retryAfter: number) => {
      this.audit.record({ type: 'rate-limited', address, detail });
      next(
        new HandshakeError(
          `Too many attempts without a valid key from this address; retry in ${retryAfter} s`,
          { code: 'rate-limited' },
        ),
      );
    };
    // With auth off there is no key to guess, and the address's counter is its plain rate limit.
    const blockedFor = this.keys.authDisabled ? 0 : this.addresses.blockedFor(address);
    if (blockedFor > 0) {
      refuseForRate(blockedFor);
      return;
    }
    const authentication = this.keys.authenticate(secretFromHandshake(handshake));
    if ('failure' in authentication) {
      const retryAfter = this.addresses.spend(address);
      if (retryAfter > 0) {
        refuseForRate(retryAfter);
        return;
      }
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
    socket.data.address = address;
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
