import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Env } from '../app/env';
import { AuditService } from './audit.service';
import { hostnameOf, isLoopbackName, parseAllowedHosts } from './host-names';

const REFUSAL =
  'This server does not answer to that Host name; list the name in REDTAIL_ALLOWED_HOSTS';

/**
 * DNS rebinding: a page on attacker.example re-points its own name at 127.0.0.1, and the
 * browser then treats Redtail as same-origin with the attacker, Origin check and all. The one
 * thing the page cannot choose is the Host header, which stays `attacker.example`. So, with
 * REDTAIL_AUTH=off (nothing else stands in the way), only Hosts that name this server are
 * answered: loopback names, the configured HOST, and REDTAIL_ALLOWED_HOSTS. With auth on the
 * keys already stop the attack and a reverse proxy may forward any name, so the check applies
 * only when REDTAIL_ALLOWED_HOSTS is set. `*` in the list turns it off.
 */
@Injectable()
export class HostAllowlist {
  /** Undefined when every Host is answered. */
  private readonly accepts: ((hostname: string) => boolean) | undefined;

  constructor(
    env: Env,
    private readonly audit: AuditService,
  ) {
    const listed = parseAllowedHosts(env.REDTAIL_ALLOWED_HOSTS ?? '') ?? [];
    const enforced = env.REDTAIL_AUTH === 'off' || listed.length > 0;
    if (!enforced || listed.includes('*')) return;
    const exact = new Set(listed.filter((entry) => !entry.startsWith('*.')));
    const configured = hostnameOf(env.HOST);
    if (configured) exact.add(configured);
    const suffixes = listed
      .filter((entry) => entry.startsWith('*.'))
      .map((entry) => entry.slice(1));
    this.accepts = (hostname) =>
      isLoopbackName(hostname) ||
      exact.has(hostname) ||
      suffixes.some((suffix) => hostname.endsWith(suffix));
  }

  /** Whether a request carrying this Host header is answered. */
  allows(host: string | undefined): boolean {
    if (!this.accepts) return true;
    const hostname = host === undefined ? undefined : hostnameOf(host);
    return hostname !== undefined && this.accepts(hostname);
  }

  /** Express middleware, mounted before everything that answers HTTP (the dashboard included). */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (this.allows(request.headers.host)) {
      next();
      return;
    }
    this.refused(request.ip, 'HTTP request');
    response.status(403).json({ statusCode: 403, error: 'Forbidden', message: REFUSAL });
  };

  /** For the Socket.IO handshake (`allowRequest`): the refusal message, or undefined to admit. */
  refusalFor(host: string | undefined, address: string): string | undefined {
    if (this.allows(host)) return undefined;
    this.refused(address, 'socket handshake');
    return REFUSAL;
  }

  /** The Host itself is the attacker's text: the trail says only that one was refused. */
  private refused(address: string | undefined, what: string): void {
    this.audit.record({ type: 'forbidden', address, detail: `${what} for a foreign Host` });
  }
}
