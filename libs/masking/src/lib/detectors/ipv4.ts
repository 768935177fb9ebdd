import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';

// A dotted quad right after one of these keys is a version: `version=1.2.3.4`, `"build": "10.0.0.1"`.
const VERSION_KEY_BEFORE =
  /(?<![A-Za-z])(?:version|ver|release|build|firmware|fw|rev|revision)["']?[ \t]{0,2}[:=]?[ \t]{0,2}["']?$/i;
// …or right after a capitalised product token in a user agent: `Chrome/124.0.0.0`.
const PRODUCT_TOKEN_BEFORE = /(?:^|[\s(;])[A-Z][A-Za-z]{0,30}\/$/;
const CONTEXT_WINDOW = 32;

/**
 * The IPv4-or-version rule: four dot-separated numbers 0-255 are an IPv4 address, unless the
 * text right before marks them as a version (a `v` prefix, a version key, or a product token).
 * Five or more parts, or a `-rc1`-style suffix, are versions too (see the pattern).
 */
export function isVersionContext(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  return VERSION_KEY_BEFORE.test(before) || PRODUCT_TOKEN_BEFORE.test(before);
}

/** Addresses that identify no one: unspecified, loopback, broadcast. */
function isWellKnownAddress(octets: readonly string[]): boolean {
  const [first] = octets;
  const all = (value: number): boolean => octets.every((octet) => Number(octet) === value);
  return Number(first) === 127 || all(0) || all(255);
}

function refineIpv4(text: string, match: RegExpExecArray): Span | undefined {
  const octets = match[0].split('.');
  if (octets.some((octet) => Number(octet) > 255) || isWellKnownAddress(octets)) return undefined;
  if (isVersionContext(text, match.index)) return undefined;
  return { start: match.index, end: match.index + match[0].length };
}

export const ipv4Detector = regexDetector({
  type: 'IPV4',
  trigger: Trigger.NUMBER_RUN,
  pattern: /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d|-[A-Za-z])/g,
  refine: refineIpv4,
});
