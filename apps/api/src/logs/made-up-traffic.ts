/**
 * The made-up NDJSON the start-up warm-ups send (pipeline-warmup.ts, app/serving-warmup.ts):
 * lines shaped like what shippers send, so the code real traffic runs is the code V8 has
 * optimised by the time the server listens. Most production lines carry nothing to mask and
 * walk the masking scan's cheap paths (digit runs after separators, `key=value` pairs, ids,
 * paths, stack frames); a share carries the kinds of personal data the masker looks for
 * (documentation addresses and test card numbers only). A warm-up of personal data alone left
 * the clean lines' paths cold, and the first second under load paid for it (bench/findings.md).
 */

/** Entries per batch: what shippers send per request or stream write under load. */
export const MADE_UP_BATCH = 100;

const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'error'];
const SERVICES = ['checkout', 'auth', 'billing', 'search', 'payments-gw', 'worker'];
const ROUTES = ['/v1/orders', '/v1/items', '/api/v2/search', '/health', '/v1/carts'];

/** `size` NDJSON lines, the `batch`-th group of MADE_UP_BATCH, joined by line breaks. */
export function madeUpBatch(batch: number, size: number): string {
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const n = batch * MADE_UP_BATCH + i;
    lines.push(
      JSON.stringify({
        level: LEVELS[n % LEVELS.length],
        service: SERVICES[n % SERVICES.length],
        message: madeUpMessage(n),
        traceId: hexId(n, 32),
        context: madeUpContext(n),
      }),
    );
  }
  return lines.join('\n');
}

function hexId(n: number, length: number): string {
  return (n * 2654435761).toString(16).padStart(length, '0').slice(-length);
}

function madeUpContext(n: number): Record<string, unknown> {
  const route = ROUTES[n % ROUTES.length];
  switch (n % 3) {
    case 0:
      return { requestId: `req-${n}`, status: 200 + (n % 5) * 100, durationMs: n % 997 };
    case 1:
      return {
        requestId: `req-${(n * 2654435761) % 4294967296}`.padEnd(16, '0'),
        route,
        status: n % 10 === 3 ? 404 : 200,
        durationMs: 3 + ((n * 7919) % 480),
        region: 'eu-west-1',
      };
    default:
      return {
        user: { id: `u_${hexId(n, 12)}`, plan: n % 2 ? 'pro' : 'free' },
        cart: { items: n % 7, total: (n % 5000) / 100 },
        tags: ['web', `shard-${n % 8}`],
        retry: n % 4 === 0,
      };
  }
}

function madeUpMessage(n: number): string {
  switch (n % 12) {
    case 0:
      return `user user${n}@example.com signed in from 192.0.2.${n % 250}`;
    case 1:
      return `charge declined for card 4111 1111 1111 1111 order ${n}`;
    case 2:
      return `GET /api/orders/${n}?page=2 200 ${n % 300}ms`;
    case 3:
      return `call +1 415 555 ${String(n % 10_000).padStart(4, '0')} about ticket ${n}`;
    case 4:
      return `retrying upstream request ${n} after timeout (attempt ${n % 3})`;
    case 5:
      return `Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIke${n}In0.c2lnbmF0dXJl`;
    case 6:
      return `${ROUTES[n % ROUTES.length]}/${1000 + (n % 9000)} 200 in ${3 + (n % 480)}ms`;
    case 7:
      return (
        `time=2024-05-${String(1 + (n % 28)).padStart(2, '0')}T12:34:56.${String(n % 1000).padStart(3, '0')}Z ` +
        `level=debug msg="retrying upstream" attempt=${n % 5} backoff=${n % 2000}ms ` +
        `upstream=payments-gw:8443 order_id=ORD-2024-${String(n % 1e6).padStart(6, '0')} status=503`
      );
    case 8:
      return (
        `{"ts":${1714000000000 + n},"level":"info","msg":"cache refreshed","keys":${n % 10_000},` +
        `"spanId":"${hexId(n, 16)}","version":"2.${n % 20}.${n % 9}"}`
      );
    case 9:
      return (
        `SELECT id, status, total FROM orders WHERE customer_id = $1 AND created_at > $2 ` +
        `ORDER BY created_at DESC LIMIT 50 -- ${(n % 90) / 10}ms rows=${n % 50}`
      );
    case 10:
      return (
        `TypeError: Cannot read properties of undefined (reading 'id')\n` +
        `    at processJob (/app/dist/worker.js:${n % 900}:17)\n` +
        `    at async Worker.run (/app/dist/worker.js:${n % 400}:5)`
      );
    default:
      return (
        `May ${1 + (n % 28)} 12:34:56 node-${n % 9} kubelet[${n % 90_000}]: I0501 ` +
        `pod_workers.go:1298] "Pod status updated" pod="shop/orders-${hexId(n, 6)}" phase=Running`
      );
  }
}
