/** Deterministic PRNG (mulberry32): the same seed always yields the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Template = (random: Random) => string;

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;
const int = (random: Random, max: number): number => Math.floor(random() * max);
const hex = (random: Random, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[int(random, 16)];
  return out;
};
const pad2 = (value: number): string => String(value).padStart(2, '0');
const uuid = (random: Random): string =>
  `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
const timestamp = (random: Random): string =>
  `2024-05-${pad2(1 + int(random, 28))}T${pad2(int(random, 24))}:${pad2(int(random, 60))}:${pad2(int(random, 60))}.${String(int(random, 1000)).padStart(3, '0')}Z`;

const SERVICES = ['api', 'orders', 'payments', 'search', 'auth', 'worker', 'gateway', 'billing'];
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const PATHS = [
  '/v1/orders',
  '/v1/items',
  '/api/v2/search',
  '/health',
  '/v1/carts',
  '/static/app.js',
];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64)',
  'curl/8.4.0',
  'okhttp/4.12.0',
  'Go-http-client/1.1',
];

/** Ordinary lines with nothing to mask: timestamps, ids, hashes, versions, durations, ports. */
const CLEAN_TEMPLATES: readonly Template[] = [
  (r) =>
    `${timestamp(r)} ${pick(r, LEVELS)} [${pick(r, SERVICES)}] ${pick(r, ['GET', 'POST', 'PUT'])} ${pick(r, PATHS)}/${int(r, 1e6)} ${pick(r, [200, 201, 204, 304, 404, 503])} ${int(r, 900)}ms req=${uuid(r)} bytes=${int(r, 1e5)} ua="${pick(r, AGENTS)}"`,
  (r) =>
    `{"ts":"${timestamp(r)}","level":"info","msg":"cache refreshed","durationMs":${int(r, 900)},"keys":${int(r, 1e4)},"traceId":"${hex(r, 32)}","spanId":"${hex(r, 16)}","version":"2.${int(r, 20)}.${int(r, 9)}"}`,
  (r) =>
    `time=${timestamp(r)} level=debug msg="retrying upstream" attempt=${int(r, 5)} backoff=${int(r, 2000)}ms upstream=payments-gw:8443 order_id=ORD-2024-${String(int(r, 1e6)).padStart(6, '0')} status=503`,
  (r) =>
    `${timestamp(r)} ERROR [worker] job ${uuid(r)} failed: TypeError: Cannot read properties of undefined (reading 'id') at processJob (/app/dist/worker.js:${int(r, 900)}:17)`,
  (r) =>
    `${timestamp(r)} DEBUG [db] SELECT id, status, total FROM orders WHERE customer_id = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT 50 -- ${int(r, 90) / 10}ms rows=${int(r, 50)}`,
  (r) =>
    `May ${1 + int(r, 28)} ${pad2(int(r, 24))}:${pad2(int(r, 60))}:${pad2(int(r, 60))} node-${int(r, 9)} kubelet[${int(r, 9e4)}]: I0501 pod_workers.go:1298] "Pod status updated" pod="shop/orders-${hex(r, 6)}-${hex(r, 5)}" phase=Running`,
  (r) =>
    `${timestamp(r)} WARN [gateway] slow response route=${pick(r, PATHS)} p99=${int(r, 3000)}ms p50=${int(r, 300)}ms commit=${hex(r, 40)} build=1.${int(r, 30)}.${int(r, 9)}-rc.${int(r, 5)}`,
  (r) =>
    `{"ts":${1714567890123 + int(r, 1e9)},"level":"info","msg":"request completed","status":200,"path":"/api/v2/items?page=${int(r, 9)}&limit=50","durationMs":${int(r, 900)},"traceId":"${hex(r, 32)}"}`,
];

const EMAILS = ['jane.doe@example.com', 'ops+alerts@example.org', 'Max.Mustermann@example.de'];
/** Lines that carry something to mask. */
const SENSITIVE_TEMPLATES: readonly Template[] = [
  (r) =>
    `203.0.113.${int(r, 255)} - - [01/May/2024:12:34:56 +0000] "GET ${pick(r, PATHS)} HTTP/1.1" 200 ${int(r, 9e4)} "-" "${pick(r, AGENTS)}"`,
  (r) => `${timestamp(r)} INFO [auth] login ok user=${pick(r, EMAILS)} session=${uuid(r)}`,
  (r) =>
    `${timestamp(r)} INFO [notify] sms queued to +44 20 7946 0${int(r, 900) + 100} template=otp`,
  (r) =>
    `${timestamp(r)} WARN [payments] card declined pan=4111 1111 1111 1111 reason=insufficient_funds order=${int(r, 1e6)}`,
  (r) =>
    `${timestamp(r)} DEBUG [api] headers authorization="Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.${hex(r, 43)}"`,
  (r) =>
    `${timestamp(r)} DEBUG [db] connect postgres://app:${hex(r, 12)}@db.internal.example.com:5432/shop`,
  (r) =>
    `time=${timestamp(r)} level=info msg="payout created" iban=DE89370400440532013000 amount=${int(r, 9999)}`,
  (r) =>
    `${timestamp(r)} INFO [support] callback requested phone=(415) 555-0${int(r, 900) + 100} ticket=${int(r, 1e5)}`,
];

const FILLER = [
  ' region=eu-west-1',
  ' pool=default',
  ' retry=false',
  ' shard=3',
  ' cache=miss',
  ' tls=1.3',
];

/** Pads or trims a line to `length` bytes without touching what the template put first. */
function toLength(random: Random, line: string, length: number): string {
  let out = line;
  while (out.length < length) out += pick(random, FILLER);
  return out.slice(0, Math.max(length, line.length));
}

export interface BenchCorpus {
  lines: string[];
  bytes: number;
  sensitiveLines: number;
}

export function generateCorpus(
  targetBytes: number,
  { seed = 42, lineLength = 200, sensitiveShare = 0.05 } = {},
): BenchCorpus {
  const random = seededRandom(seed);
  const lines: string[] = [];
  let bytes = 0;
  let sensitiveLines = 0;
  while (bytes < targetBytes) {
    const sensitive = random() < sensitiveShare;
    const template = pick(random, sensitive ? SENSITIVE_TEMPLATES : CLEAN_TEMPLATES);
    const line = toLength(random, template(random), lineLength);
    lines.push(line);
    bytes += Buffer.byteLength(line);
    if (sensitive) sensitiveLines++;
  }
  // Concatenated lines are rope strings; the API gets its lines from JSON.parse, so do the same.
  return { lines: JSON.parse(JSON.stringify(lines)) as string[], bytes, sensitiveLines };
}
