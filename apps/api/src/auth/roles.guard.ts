import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { WsException } from '@nestjs/websockets';
import type { Role } from '@redtail/contracts';
import type { Request, Response } from 'express';
import type { Socket } from 'socket.io';
import { Env } from '../app/env';
import { ApiKeyService } from './api-key.service';
import { AuditService } from './audit.service';
import type { AuthenticatedRequest } from './authenticated-request';
import { authenticateHeaders, authenticationOf, missingKeyMessage } from './credentials';
import { hasRole, type SocketData } from './identity';
import { PUBLIC_KEY, PUBLIC_WHEN_KEY, ROLES_KEY, type SwitchSetting } from './roles.decorator';

/**
 * The global access check. HTTP: `@Public()` passes; otherwise a missing or
 * unknown key is 401, a key without the route's role 403, and a route that
 * declares neither is refused outright, so a forgotten decorator fails closed.
 * Socket events: the handshake already admitted the socket; `@Roles` on a
 * handler is enforced against the identity it attached.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'ws') return this.allowSocketEvent(context);
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const switchSetting = this.reflector.getAllAndOverride<SwitchSetting>(PUBLIC_WHEN_KEY, targets);
    if (switchSetting && this.env[switchSetting]) return true;

    const request = context.switchToHttp().getRequest<Request>();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.error(`${routeOf(request)} declares no roles; refusing it`);
      throw new ForbiddenException('This route declares no access policy');
    }
    const authentication = authenticationOf(request, () =>
      authenticateHeaders(request.headers, (secret) => this.keys.authenticate(secret)),
    );
    if ('failure' in authentication) {
      this.audit.record({
        type: 'auth-failed',
        address: request.ip,
        detail: routeOf(request),
      });
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('WWW-Authenticate', 'Bearer realm="redtail"');
      throw new UnauthorizedException(
        authentication.failure === 'missing'
          ? missingKeyMessage(request.headers)
          : 'Unknown API key',
      );
    }
    const { identity } = authentication;
    if (!hasRole(identity, ...roles)) {
      this.audit.record({
        type: 'forbidden',
        actor: identity.name,
        address: request.ip,
        detail: routeOf(request),
      });
      throw new ForbiddenException(
        `The key "${identity.name}" has the ${identity.role} role; this needs ${roles.join(' or ')}`,
      );
    }
    (request as AuthenticatedRequest).identity = identity;
    return true;
  }

  private allowSocketEvent(context: ExecutionContext): boolean {
    const client = context
      .switchToWs()
      .getClient<Socket<never, never, never, Partial<SocketData>>>();
    const identity = client.data.identity;
    if (!identity) throw new WsException('unauthorized');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !hasRole(identity, ...roles)) {
      this.audit.record({
        type: 'forbidden',
        actor: identity.name,
        address: client.handshake.address,
        detail: `socket ${client.nsp.name} ${context.switchToWs().getPattern()}`,
      });
      throw new WsException(`forbidden: needs ${roles.join(' or ')}`);
    }
    return true;
  }
}

/** The route pattern (`GET /logs/:id`), never the concrete URL or its query string. */
export function routeOf(request: Request): string {
  const route = (request.route as { path?: string } | undefined)?.path;
  return `${request.method} ${typeof route === 'string' ? route : request.path}`;
}
