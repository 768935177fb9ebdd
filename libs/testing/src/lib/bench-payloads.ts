/**
 * Realistic ~200-byte log entries: a handful of services and routes, mostly
 * info, and one entry in twenty carrying personal data the masker must catch.
 * Deterministic, so every system and every repeat sees the same traffic.
 */
export interface BenchEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  service: string;
  message: string;
  context: Record<string, unknown>;
}

/** What the viewer needs to measure an entry: its run, its id and when it was produced. */
export interface BenchTag {
  run: string;
  id: number;
  sentAt: number;
}

const SERVICES = ['checkout', 'auth', 'catalog', 'search', 'billing', 'gateway'];
const ROUTES = [
  '/api/orders',
  '/api/cart/items',
  '/api/users/me',
  '/api/products',
  '/api/payments',
];
const METHODS = ['GET', 'POST', 'PUT', 'GET', 'GET'];
const PII = [
  'password reset requested by jane.doe@example.com',
  'callback to +44 20 7946 0958 failed',
  'card 4111 1111 1111 1111 declined',
  'upstream Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig123456',
  'login from 203.0.113.42 for john.smith@example.org',
];
export const PII_SHARE = 1 / 20;

/** `every`: each entry carries personal data (issue #19's race), instead of one in twenty. */
export type PiiShare = 'one-in-twenty' | 'every';

export function benchEntry(index: number, pii: PiiShare = 'one-in-twenty'): BenchEntry {
  const service = SERVICES[index % SERVICES.length];
  const route = ROUTES[(index >> 1) % ROUTES.length];
  const method = METHODS[(index >> 2) % METHODS.length];
  const status = index % 50 === 7 ? 500 : index % 10 === 3 ? 404 : 200;
  const durationMs = 3 + ((index * 7919) % 480);
  const level =
    status === 500 ? 'error' : status === 404 ? 'warn' : index % 9 === 0 ? 'debug' : 'info';
  const message =
    pii === 'every'
      ? `${method} ${route} ${status} in ${durationMs}ms: ${PII[index % PII.length]}`
      : index % 20 === 0
        ? `${method} ${route} ${status} in ${durationMs}ms: ${PII[(index / 20) % PII.length]}`
        : `${method} ${route}/${1000 + (index % 9000)} ${status} in ${durationMs}ms`;
  return {
    level,
    service,
    message,
    context: {
      requestId: `req-${(index * 2654435761) % 4294967296}`.padEnd(16, '0'),
      route,
      status,
      durationMs,
      region: 'eu-west-1',
    },
  };
}

/** The entry as a shipper posts it to Redtail: the bench tag rides in `context.bench`. */
export function redtailLine(index: number, tag: BenchTag, pii?: PiiShare): string {
  const entry = benchEntry(index, pii);
  return JSON.stringify({ ...entry, context: { ...entry.context, bench: tag } });
}

/** The same entry as a plain log line for frontail: the tag leads so the viewer can parse it cheaply. */
export function frontailLine(index: number, tag: BenchTag, pii?: PiiShare): string {
  const entry = benchEntry(index, pii);
  return `${tag.run} ${tag.id} ${tag.sentAt.toFixed(3)} ${entry.level.toUpperCase()} [${entry.service}] ${entry.message} ${JSON.stringify(entry.context)}`;
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}
