import type { LogInput } from '@redtail/contracts';
import { levelOfName } from '../levels';
import { millisFromNanos } from '../nanoseconds';
import type { LokiEntry } from './loki-decoder';

/** The labels that name a service, by preference: Loki's own, then the usual conventions. */
const SERVICE_LABELS = ['service_name', 'service', 'job', 'app'] as const;
const LEVEL_LABELS = ['level', 'detected_level'] as const;
/** Fields of a JSON line that become the entry itself rather than its context. */
const MESSAGE_FIELDS = ['msg', 'message'] as const;
/** A JSON line's level and time are the entry's level and (the stream's) timestamp already. */
const LINE_ENTRY_FIELDS = ['level', 'time'] as const;
const LOGFMT_LEVEL = /(?:^|\s)level=("?)([A-Za-z]{2,12})\1(?:\s|$)/;

/**
 * One Loki line in Redtail's shape. The service and level come from labels when they name them;
 * a JSON line (pino, bunyan, structlog…) gives its message and its other fields as context; the
 * remaining labels and the structured metadata join the context. All of it is masked.
 */
export function lokiToLogInput(entry: LokiEntry): LogInput {
  const labels: Record<string, string> = { ...entry.labels };
  const service = takeFirst(labels, SERVICE_LABELS);
  const labelledLevel = takeFirst(labels, LEVEL_LABELS);
  const line = readLine(entry.line);
  const context: Record<string, unknown> = { ...labels, ...entry.metadata, ...line.fields };
  const input: LogInput = {
    level: levelOfName(labelledLevel) ?? line.level ?? 'info',
    message: line.message,
  };
  if (service) input.service = service;
  const timestamp = millisFromNanos(entry.time);
  if (timestamp) input.timestamp = timestamp;
  if (Object.keys(context).length > 0) input.context = context;
  return input;
}

interface ReadLine {
  message: string;
  level: string | undefined;
  fields: Record<string, unknown> | undefined;
}

function readLine(raw: string): ReadLine {
  const line = raw.trimEnd();
  const json = jsonObject(line);
  const messageField = json && MESSAGE_FIELDS.find((field) => typeof json[field] === 'string');
  if (json && messageField) {
    const fields = { ...json };
    for (const field of [...MESSAGE_FIELDS, ...LINE_ENTRY_FIELDS]) delete fields[field];
    return { message: json[messageField] as string, level: levelOfName(json['level']), fields };
  }
  const logfmt = LOGFMT_LEVEL.exec(line);
  return { message: line, level: levelOfName(logfmt?.[2]), fields: undefined };
}

function jsonObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Removes and returns the first of `names` present, so a label used as a field is not repeated. */
function takeFirst(labels: Record<string, string>, names: readonly string[]): string | undefined {
  const name = names.find((candidate) => labels[candidate]);
  if (name === undefined) return undefined;
  const value = labels[name];
  delete labels[name];
  return value;
}
