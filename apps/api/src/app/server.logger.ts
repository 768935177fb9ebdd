import { ConsoleLogger, type LogLevel } from '@nestjs/common';

export type LogFormat = 'text' | 'json';

/** Nest's wiring chatter: one line per module, controller and route at every start. */
const WIRING_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'WebSocketsController',
  'NestApplication',
]);

/**
 * Nest's own reports of a failed start (a provider that threw, a port in use). `main.ts`
 * receives the same error and reports it once, in a line that says what to do.
 */
const STARTUP_FAILURE_CONTEXTS = new Set(['ExceptionHandler', 'NestApplication']);

/** Redtail's level names, so its own JSON lines read like the logs it collects. */
const LEVEL_NAMES: Record<LogLevel, string> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/**
 * The server's own log. Text for people, with colour only when both output streams are a
 * terminal and `NO_COLOR` is unset, so files and pipes get no escape codes; or JSON, one object
 * per line, for collectors. Nest's per-route start-up lines are dropped, so the address and
 * keys an operator needs are not buried under forty lines of wiring.
 */
export class ServerLogger extends ConsoleLogger {
  constructor(format: LogFormat, colors: boolean) {
    super({ prefix: 'Redtail', json: format === 'json', colors: format === 'text' && colors });
  }

  /** Reads LOG_FORMAT leniently: the environment may not have passed validation yet. */
  static fromProcess(): ServerLogger {
    return new ServerLogger(
      process.env['LOG_FORMAT'] === 'json' ? 'json' : 'text',
      wantsColour(process.env, [process.stdout, process.stderr]),
    );
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    if (WIRING_CONTEXTS.has(contextOf(optionalParams))) return;
    super.log(message, ...optionalParams);
  }

  override error(message: unknown, ...optionalParams: unknown[]): void {
    if (STARTUP_FAILURE_CONTEXTS.has(contextOf(optionalParams))) return;
    super.error(message, ...optionalParams);
  }

  protected override getTimestamp(): string {
    return new Date().toISOString();
  }

  protected override printAsJson(
    message: unknown,
    options: {
      context: string;
      logLevel: LogLevel;
      writeStreamType?: 'stdout' | 'stderr';
      errorStack?: unknown;
      error?: Error;
    },
  ): void {
    const stack = options.errorStack ?? options.error?.stack;
    const line = {
      timestamp: new Date().toISOString(),
      level: LEVEL_NAMES[options.logLevel],
      ...(options.context ? { context: options.context } : {}),
      message: typeof message === 'string' ? message : String(message),
      pid: process.pid,
      ...(typeof stack === 'string' ? { stack } : {}),
    };
    process[options.writeStreamType ?? 'stdout'].write(`${JSON.stringify(line)}\n`);
  }
}

/** Nest passes the context last, after an optional stack. */
function contextOf(optionalParams: unknown[]): string {
  const last = optionalParams[optionalParams.length - 1];
  return typeof last === 'string' ? last : '';
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off; so does a dumb terminal. */
export function wantsColour(
  env: NodeJS.ProcessEnv,
  streams: readonly { isTTY?: boolean }[],
): boolean {
  if (env['NO_COLOR'] || env['TERM'] === 'dumb') return false;
  return streams.every((stream) => stream.isTTY === true);
}
