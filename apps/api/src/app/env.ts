import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  validateSync,
} from 'class-validator';
import { parseAllowedHosts } from '../auth/host-names';
import { parseProxyTrust } from '../auth/proxy-trust';

/**
 * Every setting the API reads from the environment, with its default. A bad
 * value stops the boot with one line per variable saying what is wrong, so a
 * typo in a deployment fails loudly instead of running with a surprise.
 */
export class Env {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Loopback by default: exposing a log monitor is a deliberate choice. */
  @IsString()
  @Matches(/^[A-Za-z0-9.:[\]-]+$/, { message: 'HOST must be a hostname or an IP address' })
  HOST = '127.0.0.1';

  /**
   * Where Redtail lives on its host, for a reverse proxy that serves it under a sub-path and
   * forwards that path unchanged: `/redtail` puts the dashboard at /redtail/, the API at
   * /redtail/logs… and Socket.IO at /redtail/socket.io. Empty (the default) is the root.
   */
  @Transform(({ value }) => normaliseBasePath(value))
  @IsString()
  @Matches(/^(\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+)*$/, {
    message:
      'REDTAIL_BASE_PATH must be a path such as /redtail or /tools/logs (letters, digits, . _ ~ -)',
  })
  REDTAIL_BASE_PATH = '';

  /** The built dashboard; defaults to the Angular build next to the API's. */
  @IsOptional()
  @IsString()
  REDTAIL_DASHBOARD_DIR?: string;

  /** `off` opens every route to anyone: an explicit, loudly warned opt-out for local use. */
  @IsIn(['on', 'off'])
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

  /** A JSON file of keys, for secrets that should not sit in the environment. */
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
        'REDTAIL_ALLOWED_HOSTS must be comma-separated host names or IP addresses ' +
        '(e.g. logs.example.com, *.example.com, 10.0.0.5), or * for any',
    },
  })
  REDTAIL_ALLOWED_HOSTS?: string;

  /** Lets a Prometheus scraper read `/metrics` without a key. */
  @Transform(({ value }) => parseBoolean(value))
  @IsBoolean()
  REDTAIL_METRICS_PUBLIC = false;

  /** Comma-separated origins allowed to call the API from a browser; same-origin only when unset. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/,\s]+(,\s*https?:\/\/[^/,\s]+)*$/, {
    message:
      'REDTAIL_CORS_ORIGINS must be comma-separated origins such as https://logs.example.com',
  })
  REDTAIL_CORS_ORIGINS?: string;

  /** Requests per key (or per address without a key) in each rate window, outside ingest. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  REDTAIL_RATE_LIMIT = 1200;

  /** Ingest requests per key in each rate window; high so batched bursts are not throttled. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  REDTAIL_INGEST_RATE_LIMIT = 600_000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  REDTAIL_RATE_WINDOW_MS = 60_000;

  /**
   * Store scans per key (per address with auth off) in each rate window: `GET /logs` and the
   * other `@Scans()` routes, and socket subscriptions that replay (backfill or afterSeq), from
   * one counter. Each scan is bounded in time; this bounds how many a key runs.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  REDTAIL_SCAN_RATE_LIMIT = 300;

  /** `subscribe`, `resume` and `panic` events per socket in each rate window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
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
        'REDTAIL_TRUST_PROXY must be the number of proxies in front of Redtail (e.g. 1) or their ' +
        'addresses and subnets, comma-separated (e.g. loopback or 10.0.0.0/8); "true" is not allowed',
    },
  })
  REDTAIL_TRUST_PROXY?: string;

  /** Open dashboard sockets allowed per key. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  REDTAIL_SOCKETS_PER_KEY = 20;

  /** How long a Socket.IO client may take to join a namespace after connecting. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  REDTAIL_HANDSHAKE_TIMEOUT_MS = 10_000;

  /** Entries kept in memory; the oldest are evicted first. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  LOG_MAX_ENTRIES = 100_000;

  /** Bytes of sealed entries kept in memory (one arena of this size, committed as it fills). */
  @Type(() => Number)
  @IsInt()
  @Min(64 * 1024)
  @Max(2 ** 31 - 1)
  LOG_MAX_BYTES = 256 * 1024 * 1024;

  /** Entries per `POST /logs/batch`. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOG_MAX_BATCH = 5_000;

  /** Request body limit for ingest (and every JSON body), in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  LOG_MAX_BODY = 1024 * 1024;

  /** Messages longer than this many UTF-8 bytes are cut (after masking) and marked. */
  @Type(() => Number)
  @IsInt()
  @Min(64)
  LOG_MAX_MESSAGE = 64 * 1024;

  /** How masked values are rendered: `[EMAIL]`, `j***@***.com` or a keyed pseudonym. */
  @IsIn(['redact', 'partial', 'pseudonym'])
  REDTAIL_MASK_MODE: 'redact' | 'partial' | 'pseudonym' = 'redact';

  /** Entries queued for one slow dashboard before the oldest are dropped for it alone. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOG_CLIENT_QUEUE = 5_000;

  /** Bytes queued for one slow dashboard (entries as sent) before its oldest are dropped. */
  @Type(() => Number)
  @IsInt()
  @Min(64 * 1024)
  LOG_CLIENT_QUEUE_BYTES = 16 * 1024 * 1024;

  /** Socket.IO packets waiting on one socket before it counts as slow and gets its own queue. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOG_CLIENT_WRITE_BUFFER = 32;

  /** Bytes waiting on one socket before it counts as slow, whatever the number of packets. */
  @Type(() => Number)
  @IsInt()
  @Min(64 * 1024)
  LOG_CLIENT_WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

  /** A context string value longer than this many UTF-8 bytes is cut (after masking) and marked. */
  @Type(() => Number)
  @IsInt()
  @Min(64)
  LOG_MAX_CONTEXT_VALUE = 16 * 1024;

  /** A whole context larger than this many bytes of JSON keeps its first fields that fit, marked. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  LOG_MAX_CONTEXT = 64 * 1024;

  /** Cluster mode: nodes share the store, the stream, the metrics and the panic through this Redis. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;

  /** Wraps every epoch's data key in Redis; parsed (never echoed) by parseClusterKek at start-up. */
  @IsOptional()
  @IsString()
  REDTAIL_CLUSTER_KEK?: string;

  /** Accepts a Redis that writes to disk (RDB or AOF), breaking the memory-only promise: warned loudly. */
  @Transform(({ value }) => parseBoolean(value))
  @IsBoolean()
  REDTAIL_ALLOW_PERSISTENT_REDIS = false;

  /** This node's name in cluster metrics; the hostname and process id when unset. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'REDTAIL_NODE_ID must be 1–64 letters, digits, dots, dashes or underscores',
  })
  REDTAIL_NODE_ID?: string;

  /**
   * Experimental: the Socket.IO adapter carrying the sealed relay between nodes. `pubsub` is the
   * measured default; `streams` exists for the head-to-head in docs/scaling.md.
   */
  @IsIn(['pubsub', 'streams'], { message: 'REDTAIL_CLUSTER_ADAPTER must be pubsub or streams' })
  REDTAIL_CLUSTER_ADAPTER: 'pubsub' | 'streams' = 'pubsub';
}

export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, pickDefined(raw), {
    enableImplicitConversion: true,
  });
  const problems = validateSync(env, { stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (reason) => `  ${error.property}=${JSON.stringify(raw[error.property])}: ${reason}`,
    ),
  );
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(problems);
  }
  return env;
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment, Redtail cannot start:\n${problems.join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** `true`/`1` and `false`/`0`; anything else is left for the validator to reject. */
function parseBoolean(value: unknown): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
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
