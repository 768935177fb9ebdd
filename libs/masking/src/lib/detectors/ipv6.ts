import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const TRAILING_PORT = /:\d{1,5}$/;
const LOOPBACK_WITH_PORT = /^::1:\d{1,5}$/;
const EMBEDDED_IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

function isEmbeddedIpv4(group: string): boolean {
  return EMBEDDED_IPV4.test(group) && group.split('.').every((octet) => Number(octet) <= 255);
}

/** RFC 4291 text form: eight groups, or fewer around a single `::`, optionally ending in IPv4. */
export function isIpv6(address: string): boolean {
  const withoutZone = address.split('%')[0] ?? '';
  const halves = withoutZone.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (groups.length === 0) return false;
  let width = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? '';
    if (HEX_GROUP.test(group)) width += 1;
    else if (i === groups.length - 1 && isEmbeddedIpv4(group)) width += 2;
    else return false;
  }
  return halves.length === 2 ? width <= 7 : width === 8;
}

function refineIpv6(text: string, match: RegExpExecArray): Span | undefined {
  let candidate = match[0];
  if (candidate.endsWith(':') && !candidate.endsWith('::')) {
    candidate = candidate.slice(0, -1);
  }
  // Loopback identifies no one and is everywhere in server logs, often with a port after it
  // (`netstat`'s `::1:6379`), which would otherwise read as the address `::1:6379`.
  // haproxy and others print `address:port` without brackets: drop a trailing port group.
  if (!isIpv6(candidate)) candidate = candidate.replace(TRAILING_PORT, '');
  if (!isIpv6(candidate) || candidate === '::1' || LOOPBACK_WITH_PORT.test(candidate)) {
    return undefined;
  }
  return { start: match.index, end: match.index + candidate.length };
}

/**
 * Full, compressed (`fe80::1`), zoned (`fe80::1%eth0`) and IPv4-suffixed (`::ffff:10.0.0.1`)
 * forms; up to 45 characters so an address with an unbracketed `:port` is still one candidate.
 */
export const ipv6Detector = regexDetector({
  type: 'IPV6',
  trigger: Trigger.HEX_COLONS,
  pattern: /(?<![\w:.])[0-9A-Fa-f:]{2,45}(?:\.\d{1,3}){0,3}(?:%[0-9A-Za-z]{1,15})?(?![\w:]|\.\d)/g,
  refine: refineIpv6,
});
