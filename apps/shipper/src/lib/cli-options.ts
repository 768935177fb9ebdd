import { parseArgs } from 'node:util';
import { type LogLevel, parseLevel } from '@redtail/contracts';
import type { ShipperOptions } from './shipper';

export type Transport = 'stream' | 'batch';

export interface CliOptions extends ShipperOptions {
  /** `stream`: one long POST /logs/stream (falling back to batches on an older server). */
  transport: Transport;
  /** Stream: lines sent and not yet acknowledged, at most. */
  maxUnacked: number;
  url: string;
  key: string | undefined;
  service: string | undefined;
  level: LogLevel;
  timeoutMs: number;
  /** How long to keep delivering after the input ends (or a signal) before giving up. */
  drainMs: number;
}

export const USAGE = `Usage: redtail-ship --url <redtail url> [options] < lines

Reads log lines from standard input and streams them to Redtail's POST /logs/stream
(or, on a Redtail without it, POST /logs/batch).
JSON lines (canonical, pino, bunyan, winston) are sent as they are; other lines become
messages, with the level read from their first words. For a file that rotates:
  tail -n 0 -F /var/log/app.log | redtail-ship --url http://127.0.0.1:3000 --service app

Options:
  --url <url>          Redtail's address, with its base path if it has one (required;
                       or REDTAIL_URL)
  --key <key>          an ingest key (or REDTAIL_KEY, which keeps it out of the process list)
  --service <name>     service for lines that do not name one
  --level <level>      level for lines whose level cannot be read (default: info)
  --transport <t>      stream (default): one long request, lines sent as they are read and
                       resent from the last acknowledgement after a reconnect; batch: one
                       POST /logs/batch per --batch entries
  --batch <n>          entries per request, 1-5000 (default: 100); halved by itself when
                       Redtail finds batches too large (its LOG_MAX_BATCH, LOG_MAX_BODY)
  --flush-ms <ms>      longest wait for a batch to fill (default: 10)
  --max-queued <n>     lines held while Redtail is slow or away; reading pauses above it
                       (default: 100000)
  --drain-ms <ms>      time to finish sending after the input ends (default: 30000)
  --help               this text

Exit status: 0 when everything was delivered, 1 when some entries were rejected or lost,
2 for a usage error or when Redtail refuses the key or the URL.`;

export class UsageError extends Error {}

/** Reads the command line (and REDTAIL_URL / REDTAIL_KEY); throws UsageError on anything wrong. */
export function readCliOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): CliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        service: { type: 'string' },
        level: { type: 'string' },
        transport: { type: 'string' },
        batch: { type: 'string' },
        'flush-ms': { type: 'string' },
        'max-queued': { type: 'string' },
        'drain-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values['help']) return 'help';
  const url = text(values['url']) ?? env['REDTAIL_URL'];
  if (!url) throw new UsageError('--url is required (or set REDTAIL_URL)');
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new UsageError(`--url must be an http(s) address, got "${url}"`);
  }
  const levelText = text(values['level']) ?? 'info';
  const level = parseLevel(levelText);
  if (!level) throw new UsageError(`--level must be a log level, got "${levelText}"`);
  const service = text(values['service']);
  if (service !== undefined && (service.length === 0 || service.length > 128)) {
    throw new UsageError('--service must be 1-128 characters');
  }
  const transport = text(values['transport']) ?? 'stream';
  if (transport !== 'stream' && transport !== 'batch') {
    throw new UsageError(`--transport must be stream or batch, got "${transport}"`);
  }
  return {
    transport,
    // The server pauses a stream past 4 MiB pending; 20 000 lines of 200 bytes is about that,
    // and more in flight would only wait in socket buffers.
    maxUnacked: 20_000,
    url,
    key: text(values['key']) ?? env['REDTAIL_KEY'],
    service,
    level,
    maxBatch: integer(values['batch'], 'batch', 100, 1, 5_000),
    maxBatchBytes: 512 * 1024,
    flushMs: integer(values['flush-ms'], 'flush-ms', 10, 0, 60_000),
    maxQueued: integer(values['max-queued'], 'max-queued', 100_000, 1, 10_000_000),
    drainMs: integer(values['drain-ms'], 'drain-ms', 30_000, 0, 3_600_000),
    backoffMs: 250,
    maxBackoffMs: 10_000,
    timeoutMs: 30_000,
  };
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function integer(
  value: string | boolean | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const parsed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}
