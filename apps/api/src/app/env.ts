import { plainToInstance, Transform } from 'class-transformer';
import { IsOptional, IsString, ValidateBy, ValidateIf, validateSync } from 'class-validator';
import { ConfigurationError } from './configuration-error';
import {
  BooleanSetting,
  IntegerSetting,
  OneOfSetting,
  PatternSetting,
  SizeSetting,
} from './setting-decorators';
import { parseAllowedHosts } from '../auth/host-names';
import { parseProxyTrust } from '../auth/proxy-trust';

/**
 * Every setting the API reads from the environment, with its default. A bad
 * value stops the boot with one line per variable saying what is wrong and what
 * would be right, so a typo in a deployment fails loudly instead of running with
 * a surprise.
 */
export class Env {
  @IntegerSetting(1, 65535)
  PORT = 3000;

  /** Loopback by default: exposing a log monitor is a deliberate choice. */
  @PatternSetting(/^[A-Za-z0-9.:[\]-]+$/, 'must be a hostname or an IP address')
  HOST = '127.0.0.1';

  /**
   * Where Redtail lives on its host, for a reverse proxy that serves it under a sub-path and
   * forwards that path unchanged: `/redtail` puts the dashboard at /redtail/, the API at
   * /redtail/logs… and Socket.IO at /redtail/socket.io. Empty (the default) is the root.
   */
  @Transform(({ value }) => normaliseBasePath(value))
  @PatternSetting(
    /^(\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+)*$/,
    'must be a path such as /redtail or /tools/logs (letters, digits, . _ ~ -)',
  )
  REDTAIL_BASE_PATH = '';

  /** The built dashboard; defaults to the Angular build next to the API's. */
  @IsOptional()
  @IsString()
  REDTAIL_DASHBOARD_DIR?: string;

  /** `off` opens every route to anyone: an explicit, loudly warned opt-out for local use. */
  @OneOfSetting(['on', 'off'])
  REDTAIL_AUTH: 'on' | 'off' = 'on';

  /** Comma-separated `name:secret` (ingest keys may add `@service`); see docs/security.md. */
  @IsOptional()
  @IsString()
  REDTAIL_ADMIN_KEYS?: string;

  @IsOptional()
  @IsString()
  REDTAIL_VIEWER_KEYS?: string;

  @IsOptional()
  @IsString()
  REDTAIL_INGEST_KEYS?: string;

  /**
   * A JSON file of keys, for secrets that should not sit in the environment. When it does not
   * exist and no other keys are configured, the first start creates it (digests only).
   */
  @IsOptional()
  @IsString()
  REDTAIL_KEYS_FILE?: string;

  /**
   * Host names the server answers to besides loopback names and HOST: names, IP addresses,
   * `*.example.com`, or `*` for any. Enforced with REDTAIL_AUTH=off (against DNS rebinding), and
   * with auth on only when set, so a reverse proxy forwarding its own Host keeps working.
   */
  @IsOptional()
  @ValidateBy({
    name: 'isHostList',
    validator: {
      validate: (value) => typeof value === 'string' && parseAllowedHosts(value) !== undefined,
      defaultMessage: () =>
        'must be comma-separated host names or IP addresses ' +
        '(e.g. logs.example.com, *.example.com, 10.0.0.5), or * for any',
    },
  })
  REDTAIL_ALLOWED_HOSTS?: string;

  /** Lets a Prometheus scraper read `/metrics` without a key. */
  @BooleanSetting()
  REDTAIL_METRICS_PUBLIC = false;

  /** Comma-separated origins allowed to call the API from a browser; same-origin only when unset. */
  @IsOptional()
  @PatternSetting(
    /^https?:\/\/[^/,\s]+(,\s*https?:\/\/[^/,\s]+)*$/,
    'must be comma-separated origins such as https://logs.example.com',
  )
  REDTAIL_CORS_ORIGINS?: string;

  /** Requests per key (or per address without a key) in each rate window, outside ingest. */
  @IntegerSetting(1)
  REDTAIL_RATE_LIMIT = 1200;

  /** Ingest requests per key in each rate window; high so batched bursts are not throttled. */
  @IntegerSetting(1)
  REDTAIL_INGEST_RATE_LIMIT = 600_000;

  @IntegerSetting(100)
  REDTAIL_RATE_WINDOW_MS = 60_000;

  /**
   * Store scans per key (per address with auth off) in each rate window: `GET /logs` and the
   * other `@Scans()` routes, and socket subscriptions that replay (backfill or afterSeq), from
   * one counter. Each scan is bounded in time; this bounds how many a key runs.
   */
  @IntegerSetting(1)
  REDTAIL_SCAN_RATE_LIMIT = 300;

  /**
   * Scans one key (one address with auth off) may have in progress at once; the next is refused
   * (429, or `busy:` on the socket) until one ends. Every scan holds its matches until it answers.
   * 4 covers one dashboard's own (a replay per pane, the volume chart, a page of history).
   */
  @IntegerSetting(1, 100)
  REDTAIL_SCANS_PER_KEY = 4;

  /** Scans in progress at once on this node, every key together; past it, the same refusal. */
  @IntegerSetting(1, 1_000)
  REDTAIL_SCANS_MAX = 32;

  /**
   * Milliseconds of each second all scans together may hold the event loop; the rest is the live
   * pipeline's (ingest, seal, broadcast). 200 leaves ingest four fifths of a busy core.
   */
  @IntegerSetting(10, 1_000)
  REDTAIL_SCAN_MS_PER_SECOND = 200;

  /** `subscribe`, `resume` and `panic` events per socket in each rate window. */
  @IntegerSetting(1)
  REDTAIL_SOCKET_RATE_LIMIT = 120;

  /**
   * The proxies in front of Redtail, whose X-Forwarded-For is believed: how many (`1`) or their
   * addresses and subnets (`loopback`, `10.0.0.0/8`, comma-separated). Unset, the TCP peer is
   * the client, and a proxy's clients share its address for every per-address limit.
   */
  @IsOptional()
  @ValidateBy({
    name: 'isProxyTrust',
    validator: {
      validate: (value) => typeof value === 'string' && parseProxyTrust(value) !== undefined,
      defaultMessage: () =>
        'must be the number of proxies in front of Redtail (e.g. 1) or their ' +
        'addresses and subnets, comma-separated (e.g. loopback or 10.0.0.0/8); "true" is not allowed',
    },
  })
  REDTAIL_TRUST_PROXY?: string;

  /** Open dashboard sockets allowed per key. */
  @IntegerSetting(1)
  REDTAIL_SOCKETS_PER_KEY = 20;

  /** How long a Socket.IO client may take to join a namespace after connecting. */
  @IntegerSetting(100)
  REDTAIL_HANDSHAKE_TIMEOUT_MS = 10_000;

  /**
   * How long `/health` answers 503 at SIGTERM before the server stops taking connections, so a
   * load balancer polling it stops sending new requests to a closing node. 0 suits one node.
   */
  @IntegerSetting(0, 600_000)
  REDTAIL_SHUTDOWN_DELAY_MS = 0;

  /**
   * How long requests in flight at shutdown may take to finish before their connections are
   * cut: well inside the 30 s most orchestrators wait before SIGKILL.
   */
  @IntegerSetting(0, 600_000)
  REDTAIL_SHUTDOWN_TIMEOUT_MS = 10_000;

  /** The server's own log lines: `text` for people, `json` (one object per line) for collectors. */
  @OneOfSetting(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';

  /** Entries kept in memory; the oldest are evicted first. */
  @IntegerSetting(1, 10_000_000)
  LOG_MAX_ENTRIES = 100_000;

  /**
   * Bytes of sealed entries kept in memory (one arena of this size, committed as it fills).
   * The arena is one Buffer addressed by 32-bit offsets, hence the ceiling just under 2 GiB.
   */
  @SizeSetting(64 * 1024, 2047 * 1024 * 1024)
  LOG_MAX_BYTES = 256 * 1024 * 1024;

  /**
   * Made-up entries run through a throwaway copy of the pipeline before the server listens, so
   * the first seconds under load run optimised code instead of stalling (0 turns it off; the
   * warm-up stops after 1.5 s whatever this says). See PipelineWarmup.
   */
  @IntegerSetting(0, 1_000_000)
  REDTAIL_WARMUP_ENTRIES = 20_000;

  /**
   * Made-up lines sent through the real doors (`POST /logs/stream`, `POST /logs/batch`) to a
   * live socket viewer, over a loopback-only listener, after the pipeline warm-up and before the
   * server listens; then wiped (0 turns it off; at most 1 s; single node only). See
   * app/serving-warmup.ts.
   */
  @IntegerSetting(0, 1_000_000)
  REDTAIL_WARMUP_LINES = 10_000;

  /** Entries per `POST /logs/batch`. */
  @IntegerSetting(1, 100_000)
  LOG_MAX_BATCH = 5_000;

  /** Request body limit for ingest (and every JSON body). */
  @SizeSetting(1024, 64 * 1024 * 1024)
  LOG_MAX_BODY = 1024 * 1024;

  /**
   * Body limit of the shippers' doors (OTLP, Loki, Elasticsearch bulk), applied both to the body
   * as sent and after gzip/snappy decompression, so a small compressed bomb is a 413.
   * 16 MiB: the Elasticsearch bulk helper flushes at 5 MB and pino-loki pushes up to 10 000 lines.
   */
  @SizeSetting(1024, 256 * 1024 * 1024)
  LOG_MAX_BULK_BODY = 16 * 1024 * 1024;

  /** Entries one request to a shippers' door may carry (its records, lines or documents). */
  @IntegerSetting(1, 1_000_000)
  LOG_MAX_BULK_ENTRIES = 50_000;

  /** `POST /logs/stream`: a stream that sends nothing for this long is ended (the shipper reconnects). */
  @IntegerSetting(1_000, 3_600_000)
  LOG_STREAM_IDLE_MS = 60_000;

  /** `POST /logs/stream`: lines one connection may carry before the server asks for a new one. */
  @IntegerSetting(1, 100_000_000)
  LOG_STREAM_MAX_LINES = 1_000_000;

  /** `POST /logs/stream`: bytes one connection may carry before the server asks for a new one. */
  @SizeSetting(64 * 1024, 64 * 1024 * 1024 * 1024)
  LOG_STREAM_MAX_BYTES = 1024 * 1024 * 1024;

  /**
   * `POST /logs/stream`: longest life of one connection. Below Node's 300 s `requestTimeout`,
   * which would otherwise cut a request whose body is still arriving without a final record.
   */
  @IntegerSetting(1_000, 290_000)
  LOG_STREAM_MAX_MS = 240_000;

  /** Messages longer than this many UTF-8 bytes are cut (after masking) and marked. */
  @SizeSetting(64, 64 * 1024 * 1024)
  LOG_MAX_MESSAGE = 64 * 1024;

  /** How masked values are rendered: `[EMAIL]`, `j***@***.com` or a keyed pseudonym. */
  @OneOfSetting(['redact', 'partial', 'pseudonym'])
  REDTAIL_MASK_MODE: 'redact' | 'partial' | 'pseudonym' = 'redact';

  /** Entries queued for one slow dashboard before the oldest are dropped for it alone. */
  @IntegerSetting(1)
  LOG_CLIENT_QUEUE = 5_000;

  /** Bytes queued for one slow dashboard (entries as sent) before its oldest are dropped. */
  @SizeSetting(64 * 1024)
  LOG_CLIENT_QUEUE_BYTES = 16 * 1024 * 1024;

  /** Socket.IO packets a socket that is behind may have waiting on it; the rest waits in its queue. */
  @IntegerSetting(1)
  LOG_CLIENT_WRITE_BUFFER = 32;

  /** Bytes a socket that is behind may have waiting on it, whatever the number of packets. */
  @SizeSetting(64 * 1024)
  LOG_CLIENT_WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

  /** A context string value longer than this many UTF-8 bytes is cut (after masking) and marked. */
  @SizeSetting(64)
  LOG_MAX_CONTEXT_VALUE = 16 * 1024;

  /** A whole context larger than this many bytes of JSON keeps its first fields that fit, marked. */
  @SizeSetting(1024)
  LOG_MAX_CONTEXT = 64 * 1024;

  /** Cluster mode: nodes share the store, the stream, the metrics and the panic through this Redis. */
  @IsOptional()
  @PatternSetting(/^rediss?:\/\/\S+$/, 'must look like redis://host:6379')
  REDIS_URL?: string;

  /** Wraps every epoch's data key in Redis; parsed (never echoed) by parseClusterKek at start-up. */
  @IsOptional()
  @IsString()
  REDTAIL_CLUSTER_KEK?: string;

  /** Accepts a Redis that writes to disk (RDB or AOF), breaking the memory-only promise: warned loudly. */
  @BooleanSetting()
  REDTAIL_ALLOW_PERSISTENT_REDIS = false;

  /** This node's name in cluster metrics; the hostname and process id when unset. */
  @IsOptional()
  @PatternSetting(
    /^[A-Za-z0-9._-]{1,64}$/,
    'must be 1–64 letters, digits, dots, dashes or underscores',
  )
  REDTAIL_NODE_ID?: string;

  /**
   * Syslog (RFC 5424 and RFC 3164) over TCP and UDP on this port; off when unset. Syslog has no
   * authentication: whoever reaches the port can send, so it listens on loopback by default.
   */
  @IsOptional()
  @IntegerSetting(0, 65535)
  REDTAIL_SYSLOG_PORT?: number;

  @PatternSetting(/^[A-Za-z0-9.:[\]-]+$/, 'must be a hostname or an IP address')
  REDTAIL_SYSLOG_HOST = '127.0.0.1';

  /** Files every syslog message under this service, whatever app-name or tag it carries. */
  @IsOptional()
  @PatternSetting(/^\S{1,128}$/, 'must be 1–128 characters without spaces')
  REDTAIL_SYSLOG_SERVICE?: string;

  /**
   * PEM files, both or neither: with them the TCP listener speaks TLS (RFC 5425) and UDP stays
   * closed, so nothing reaches the port in clear text.
   */
  @ValidateIf(
    (env: Env) =>
      env.REDTAIL_SYSLOG_TLS_CERT !== undefined || env.REDTAIL_SYSLOG_TLS_KEY !== undefined,
  )
  @IsString({ message: 'must be set together with REDTAIL_SYSLOG_TLS_KEY' })
  REDTAIL_SYSLOG_TLS_CERT?: string;

  @ValidateIf(
    (env: Env) =>
      env.REDTAIL_SYSLOG_TLS_CERT !== undefined || env.REDTAIL_SYSLOG_TLS_KEY !== undefined,
  )
  @IsString({ message: 'must be set together with REDTAIL_SYSLOG_TLS_CERT' })
  REDTAIL_SYSLOG_TLS_KEY?: string;

  /**
   * Experimental: the Socket.IO adapter carrying the sealed relay between nodes. `pubsub` is the
   * measured default; `streams` exists for the head-to-head in docs/scaling.md.
   */
  @OneOfSetting(['pubsub', 'streams'])
  REDTAIL_CLUSTER_ADAPTER: 'pubsub' | 'streams' = 'pubsub';
}

/** Values that are, or may contain, credentials: a problem names the variable, never the value. */
const SECRET_SETTINGS = new Set<string>([
  'REDTAIL_ADMIN_KEYS',
  'REDTAIL_VIEWER_KEYS',
  'REDTAIL_INGEST_KEYS',
  'REDTAIL_CLUSTER_KEK',
  'REDIS_URL',
]);
/** Long enough for any sensible value, short enough that a pasted blob keeps the line readable. */
const MAX_ECHOED = 60;

/** Reads the settings; throws one `NAME="value": what is expected` problem per bad variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, pickDefined(raw));
  const problems = validateSync(env, { stopAtFirstError: true }).map(
    (error) =>
      `${describeValue(error.property, raw[error.property])}: ${Object.values(error.constraints ?? {})[0]}`,
  );
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return env;
}

export class InvalidEnvironmentError extends ConfigurationError {
  constructor(problems: string[]) {
    super(problems);
    this.name = 'InvalidEnvironmentError';
  }
}

function describeValue(name: string, value: unknown): string {
  if (SECRET_SETTINGS.has(name)) return `${name} (value not shown)`;
  const text = String(value);
  const shown = text.length > MAX_ECHOED ? `${text.slice(0, MAX_ECHOED)}…` : text;
  return `${name}=${JSON.stringify(shown)}`;
}

/** Empty variables mean "use the default", as in most twelve-factor tools. */
function pickDefined(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
}

/** `/redtail/`, `redtail` and `/redtail` are the same base; `/` and empty are the root. */
export function normaliseBasePath(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
