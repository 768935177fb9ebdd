import proxyaddr from 'proxy-addr';

/** Express's `trust proxy` function: is the hop `index` away from us (0: our TCP peer) a proxy we trust? */
export type ProxyTrust = (address: string, index: number) => boolean;

export const TRUST_NONE: ProxyTrust = () => false;

/**
 * `REDTAIL_TRUST_PROXY`: how many proxies stand in front of Redtail, or their addresses and
 * subnets (`loopback`, `10.0.0.0/8`, …, comma-separated). Undefined when malformed. `true`
 * (trust every hop) is deliberately not a choice: it would let any client name its own
 * address in X-Forwarded-For and so escape every per-address limit.
 */
export function parseProxyTrust(setting: string): ProxyTrust | undefined {
  const trimmed = setting.trim();
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    return hops >= 1 ? (_address, index) => index < hops : undefined;
  }
  const entries = trimmed.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === '')) return undefined;
  try {
    return proxyaddr.compile(entries);
  } catch {
    return undefined;
  }
}
