import { LOG_LEVELS, type LogLevel, parseLevel } from '@redtail/contracts';

/** winston's npm levels beyond the canonical ones, as they arrive in Loki labels and lines. */
const WINSTON_LEVELS: Readonly<Record<string, LogLevel>> = {
  http: 'debug',
  verbose: 'debug',
  silly: 'trace',
};

/** A level named by a shipper (any case, pino numbers included), or undefined. */
export function levelOfName(name: unknown): LogLevel | undefined {
  const level = parseLevel(name);
  if (level || typeof name !== 'string') return level;
  return WINSTON_LEVELS[name.trim().toLowerCase()];
}

/** OpenTelemetry's SeverityNumber: four steps per level, TRACE = 1 … FATAL4 = 24. */
export function levelOfSeverityNumber(severity: number): LogLevel | undefined {
  if (!Number.isInteger(severity) || severity < 1 || severity > 24) return undefined;
  return LOG_LEVELS[Math.floor((severity - 1) / 4)];
}

/** Syslog severities 0–7 (RFC 5424 §6.2.1): emergency, alert and critical are fatal; notice is info. */
const SYSLOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'fatal',
  'fatal',
  'error',
  'warn',
  'info',
  'info',
  'debug',
];

export function levelOfSyslogSeverity(severity: number): LogLevel {
  return SYSLOG_LEVELS[severity] ?? 'info';
}
