import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { LOGS_NAMESPACE } from '@redtail/contracts';
import type { IncomingMessage } from 'node:http';
import { Env } from '../app/env';
import { Deployment } from '../logs/ports/deployment';
import { textOnlyParser } from '../logs/text-only.parser';
import { ClientAddress } from './client-address';
import { HostAllowlist } from './host-allowlist';
import { corsOrigins } from './security-headers';
import { SocketAuth } from './socket-auth';

/**
 * Socket.IO with Redtail's rules: the auth middleware on every namespace a
 * client can join, a bounded handshake, browser origins limited to the
 * page's own origin plus REDTAIL_CORS_ORIGINS, and the Host allowlist.
 * WebSocket upgrades skip CORS and Express entirely, so the Host and origin
 * checks run in `allowRequest`, for every transport.
 * In cluster mode the server also gets the Socket.IO Redis adapter.
 */
// Nest's adapter resolves its own copy of socket.io; these are that copy's types.
type IoServer = ReturnType<IoAdapter['createIOServer']>;
type IoServerOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

export class RedtailIoAdapter extends IoAdapter {
  private readonly socketAuth: SocketAuth;
  private readonly hosts: HostAllowlist;
  private readonly clientAddress: ClientAddress;
  private readonly env: Env;
  private readonly deployment: Deployment;

  constructor(app: INestApplicationContext) {
    super(app);
    this.socketAuth = app.get(SocketAuth);
    this.hosts = app.get(HostAllowlist);
    this.clientAddress = app.get(ClientAddress);
    this.env = app.get(Env);
    this.deployment = app.get(Deployment, { strict: false });
  }

  override createIOServer(port: number, options?: IoServerOptions): IoServer {
    const allowed = corsOrigins(this.env);
    const server = super.createIOServer(port, {
      ...options,
      path: `${this.env.REDTAIL_BASE_PATH}/socket.io`,
      cors: allowed.length > 0 ? { origin: allowed } : undefined,
      connectTimeout: this.env.REDTAIL_HANDSHAKE_TIMEOUT_MS,
      parser: textOnlyParser,
      allowRequest: (request, callback) => {
        const peer = request.socket.remoteAddress ?? 'unknown';
        const address = this.clientAddress.of(peer, request.headers);
        const refusal = this.hosts.refusalFor(request.headers.host, address);
        if (refusal) callback(refusal, false);
        else callback(null, originAllowed(request, allowed));
      },
      ...adapterOption(this.deployment.socketAdapter()),
      // Nest types the options as socket.io's full ServerOptions; socket.io fills in the rest.
    } as IoServerOptions);
    server.use(this.socketAuth.middleware);
    server.of(LOGS_NAMESPACE).use(this.socketAuth.middleware);
    return server;
  }
}

function adapterOption(adapter: unknown): Partial<IoServerOptions> {
  return adapter === undefined ? {} : { adapter: adapter as IoServerOptions['adapter'] };
}

/** Requests without an Origin header come from non-browser clients, which carry a key anyway. */
export function originAllowed(request: IncomingMessage, allowed: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
