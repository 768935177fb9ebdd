import { isIPv4, isIPv6 } from 'node:net';

/**
 * REDTAIL_ALLOWED_HOSTS: comma-separated names (`logs.example.com`), IP addresses, `*.example.com`
 * for any name under a domain, or `*` for any Host at all. Lower-cased, IPv6 literals bracketed as
 * in a Host header; undefined when an entry is none of these.
 */
export function parseAllowedHosts(setting: string): string[] | undefined {
  const entries: string[] = [];
  for (const raw of setting.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const parsed =
      entry === '*' ? entry : entry.startsWith('*.') ? wildcardOf(entry) : hostnameOf(entry);
    if (parsed === undefined) return undefined;
    entries.push(parsed);
  }
  return entries;
}

function wildcardOf(entry: string): string | undefined {
  const domain = hostnameOf(entry.slice(2));
  return domain === undefined || domain.startsWith('[') ? undefined : `*.${domain}`;
}

/**
 * The name part of a Host header (or of a HOST setting), lower-cased, without port or trailing
 * dot, IPv6 literals in brackets. Undefined when it is not a host name at all.
 */
export function hostnameOf(host: string): string | undefined {
  const trimmed = host.trim().toLowerCase();
  // A bare IPv6 literal, as HOST gives it.
  if (isIPv6(trimmed)) return `[${trimmed}]`;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(trimmed);
  if (bracketed) return isIPv6(bracketed[1]) ? `[${bracketed[1]}]` : undefined;
  // Labels cannot contain the dot that separates them, so this runs in linear time on any header.
  const named = /^([a-z0-9_-]+(?:\.[a-z0-9_-]+)*)\.?(?::\d{1,5})?$/.exec(trimmed);
  return named?.[1];
}

/** Names that reach this machine without asking DNS: an attacker cannot re-point them. */
export function isLoopbackName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    // RFC 6761 reserves .localhost for loopback; browsers resolve it without DNS.
    hostname.endsWith('.localhost') ||
    (isIPv4(hostname) && hostname.startsWith('127.')) ||
    hostname === '[::1]'
  );
}
