import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';

// A dotted quad right after one of these keys is a version: `version=1.2.3.4`, `"build": "10.0.0.1"`,
// `AssemblyVersion("2.10.0.0")`, `sdk 24.3.1.0`, `bootloader 2.4.0.17`.
const VERSION_KEY_BEFORE =
  /(?:version|(?<![A-Za-z])(?:ver|release|build|firmware|fw|rev|revision|sdk|bootloader|baseband|kernel|driver))["']?[ \t]{0,2}[:=(]?[ \t]{0,2}["']?$/i;
// …or after a release-notes phrase: `introduced in 5.10.0.3`, `upgrade to 8.0.4.1`. Phrases
// that also move hosts (`migrated to`, `failover to`) are left out: there the quad is an address.
const VERSION_PHRASE_BEFORE =
  /\b(?:(?:introduced|fixed|added|deprecated|removed|resolved) in|(?:upgrade|upgraded|upgrading|downgrade|downgraded|downgrading) to)[ \t]{1,2}$/i;
// …or right after a capitalised product token in a user agent: `Chrome/124.0.0.0`.
const PRODUCT_TOKEN_BEFORE = /(?:^|[\s(;])[A-Z][A-Za-z]{0,30}\/$/;
// …or after a name and a dash: `agent-10.2.1.5`, `package-1.2.3.4` (a range `10.0.0.1-10.0.0.9` has a digit there).
const NAME_DASH_BEFORE = /[A-Za-z]-$/;
// …or after a dotted package name: `System.Text.Json 8.0.3.0`, `Microsoft.AspNetCore.App.Ref 8.0.4.1`.
const PACKAGE_NAME_BEFORE = /[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9.]*[ \t]$/;
// …or between two version numbers in a list: `introduced in 5.10.0.3 and 5.10.1.0`.
const PREVIOUS_QUAD = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?:,| and| or|;)? {1,2}$/;
const CONTEXT_WINDOW = 48;

/**
 * The IPv4-or-version rule: four dot-separated numbers 0-255 are an IPv4 address, unless the
 * text right before marks them as a version (a `v` prefix, a version key, a product token, a
 * dotted package name) or they sit alone as a path segment (`/releases/10.2.1.5/`), where a
 * URL's host would follow `//`. Five or more parts, or a `-rc1`-style suffix, are versions too.
 */
export function isVersionContext(text: string, start: number, end = start): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  return (
    VERSION_KEY_BEFORE.test(before) ||
    VERSION_PHRASE_BEFORE.test(before) ||
    PRODUCT_TOKEN_BEFORE.test(before) ||
    PACKAGE_NAME_BEFORE.test(before) ||
    NAME_DASH_BEFORE.test(before) ||
    isPathSegment(text, start, end)
  );
}

/** `/v2/1.4.0.12/manifest.json`: a segment between slashes, not the host after `//`. */
function isPathSegment(text: string, start: number, end: number): boolean {
  return (
    text.charCodeAt(start - 1) === 47 &&
    text.charCodeAt(start - 2) !== 47 &&
    text.charCodeAt(end) === 47
  );
}

/** A second quad right after a version is a version too: `introduced in v5.10.0.3 and 5.10.1.0`. */
function followsVersion(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  const previous = PREVIOUS_QUAD.exec(before);
  if (previous === null) return false;
  const previousStart = start - previous[0].length;
  return isVersionContext(text, previousStart, previousStart + (previous[1] ?? '').length);
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
  const end = match.index + match[0].length;
  if (isVersionContext(text, match.index, end)) return undefined;
  if (followsVersion(text, match.index)) return undefined;
  return { start: match.index, end: match.index + match[0].length };
}

export const ipv4Detector = regexDetector({
  type: 'IPV4',
  trigger: Trigger.NUMBER_RUN,
  pattern: /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d|-[A-Za-z])/g,
  refine: refineIpv4,
});
