import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { Env } from '../app/env';
import { parseProxyTrust, type ProxyTrust, TRUST_NONE } from './proxy-trust';

/**
 * Who a client is, as far as limits and the audit trail care: its address behind any trusted
 * proxies. HTTP gets it from Express (`request.ip`, configured with the same `trust`), the
 * Socket.IO handshake from here, so both count the same client the same way.
 */
@Injectable()
export class ClientAddress {
  readonly trust: ProxyTrust;

  constructor(env: Env) {
    this.trust =
      env.REDTAIL_TRUST_PROXY === undefined
        ? TRUST_NONE
        : (parseProxyTrust(env.REDTAIL_TRUST_PROXY) ?? TRUST_NONE);
  }

  /** `peer` is the TCP peer; X-Forwarded-For is read only as far as the trusted hops go. */
  of(peer: string, headers: IncomingHttpHeaders): string {
    const request = { headers, socket: { remoteAddress: peer } } as IncomingMessage;
    return proxyaddr(request, this.trust);
  }
}
