import { type ConsoleLogger, type INestApplication, Logger } from '@nestjs/common';
import { ConfigurationError } from './configuration-error';
import type { Env } from './env';

/**
 * Starts listening on HOST:PORT and returns the address people should open. The operating
 * system's refusals (port taken, no permission, unknown address) come back as a
 * ConfigurationError naming the setting to change.
 */
export async function listen(app: INestApplication, env: Env): Promise<string> {
  try {
    await app.listen(env.PORT, env.HOST);
  } catch (error) {
    throw explainListenError(error, env) ?? error;
  }
  const url = `http://${displayHost(env.HOST)}:${env.PORT}${env.REDTAIL_BASE_PATH}`;
  new Logger('Redtail').log(`Listening on ${url}/ (API docs: ${url}/api/docs)`);
  return url;
}

export function explainListenError(error: unknown, env: Env): ConfigurationError | undefined {
  const where = `${env.HOST}:${env.PORT}`;
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return new ConfigurationError([
        `${where} is already in use: set PORT to a free port (e.g. PORT=${nextPort(env.PORT)}) or stop the program using it`,
      ]);
    case 'EACCES':
      return new ConfigurationError([
        `${where}: not allowed to listen there (ports below 1024 need privileges): set PORT to 1024 or above`,
      ]);
    case 'EADDRNOTAVAIL':
      return new ConfigurationError([
        `HOST="${env.HOST}" is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0 for all of them`,
      ]);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigurationError([
        `HOST="${env.HOST}" cannot be resolved: set HOST to an IP address or a name this machine resolves`,
      ]);
    default:
      return undefined;
  }
}

/**
 * A start that failed: one line per configuration problem, which the operator fixes in the
 * settings; a stack trace only for anything else, which is a bug to report.
 */
export function reportStartupFailure(logger: ConsoleLogger, error: unknown): void {
  if (error instanceof ConfigurationError) {
    for (const problem of error.problems) logger.fatal(`Cannot start: ${problem}`, 'Startup');
    return;
  }
  if (error instanceof Error) {
    logger.fatal(`Cannot start: ${error.message}`, error.stack, 'Startup');
    return;
  }
  logger.fatal(`Cannot start: ${String(error)}`, 'Startup');
}

/** An address to click: a wildcard bind is reachable on loopback. */
function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function nextPort(port: number): number {
  return port < 65535 ? port + 1 : port - 1;
}
