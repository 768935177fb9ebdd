/** Canonical levels, least to most severe. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Pino/bunyan numeric levels, which double as our severity order. */
export const LEVEL_SEVERITY: Readonly<Record<LogLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

const LEVEL_ALIASES: Readonly<Record<string, LogLevel>> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  information: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'fatal',
  critical: 'fatal',
  crit: 'fatal',
  panic: 'fatal',
  emerg: 'fatal',
  alert: 'fatal',
};

/** Every textual spelling `parseLevel` accepts, for error messages and docs. */
export const ACCEPTED_LEVEL_NAMES = Object.keys(LEVEL_ALIASES);

/**
 * Maps a level name (any case) or a pino/bunyan number (10–60; values in
 * between round down to the level below, as pino's custom levels do) to a
 * canonical level, or `undefined` when the input is not a level at all.
 */
export function parseLevel(input: unknown): LogLevel | undefined {
  if (typeof input === 'string') {
    const alias = LEVEL_ALIASES[input.trim().toLowerCase()];
    if (alias) return alias;
    return /^\d{2}$/.test(input.trim()) ? levelFromNumber(Number(input)) : undefined;
  }
  if (typeof input === 'number') return levelFromNumber(input);
  return undefined;
}

function levelFromNumber(value: number): LogLevel | undefined {
  if (!Number.isInteger(value) || value < 10 || value > 60) return undefined;
  return LOG_LEVELS[Math.floor(value / 10) - 1];
}

/** True when `level` is at least as severe as `minimum`. */
export function isAtLeast(level: LogLevel, minimum: LogLevel): boolean {
  return LEVEL_SEVERITY[level] >= LEVEL_SEVERITY[minimum];
}
