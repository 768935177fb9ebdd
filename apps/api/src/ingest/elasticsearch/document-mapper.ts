import type { LogInput } from '@redtail/contracts';
import { levelOfName } from '../levels';

const MESSAGE_FIELDS = ['message', 'msg', 'log'] as const;

/**
 * One bulk document in Redtail's shape: pino's, ECS (`log.level`, `service.name`, `@timestamp`,
 * dotted or nested), Fluent Bit's and Filebeat's alike. Fields that name the entry's own parts are
 * taken out; everything else is its context, masked like the message.
 */
export function documentToLogInput(
  document: Record<string, unknown>,
  indexService: string | undefined,
): LogInput {
  const fields: Record<string, unknown> = { ...document };
  const messageField = MESSAGE_FIELDS.find((field) => typeof fields[field] === 'string');
  const input: LogInput = {
    level: takeLevel(fields) ?? 'info',
    message: messageField ? (take(fields, messageField) as string) : '',
  };
  const timestampField = ['@timestamp', 'time'].find((field) => isTime(fields[field]));
  if (timestampField) input.timestamp = take(fields, timestampField) as string | number;
  const service = takeString(fields, 'service.name') ?? takeService(fields) ?? indexService;
  if (service) input.service = service;
  const traceId = takeString(fields, 'trace.id');
  if (traceId) input.traceId = traceId;
  const spanId = takeString(fields, 'span.id');
  if (spanId) input.spanId = spanId;
  if (Object.keys(fields).length > 0) input.context = fields;
  return input;
}

/** pino's numeric `level`, ECS's `log.level`, or a `level` name. */
function takeLevel(fields: Record<string, unknown>): string | undefined {
  const ecs = levelOfName(findString(fields, 'log.level'));
  if (ecs) {
    takeString(fields, 'log.level');
    return ecs;
  }
  const level = fields['level'];
  const parsed = levelOfName(level);
  if (parsed) delete fields['level'];
  return parsed;
}

/** `service` as a plain name (ECS's nested `service: { name }` is read by `takeString`). */
function takeService(fields: Record<string, unknown>): string | undefined {
  if (typeof fields['service'] !== 'string' || fields['service'] === '') return undefined;
  return take(fields, 'service') as string;
}

function take(fields: Record<string, unknown>, key: string): unknown {
  const value = fields[key];
  delete fields[key];
  return value;
}

function isTime(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

/**
 * A string at a dotted ECS path, written flat (`"log.level": "warn"`) or nested
 * (`"log": { "level": "warn" }`).
 */
function findString(fields: Record<string, unknown>, path: string): string | undefined {
  const flat = fields[path];
  if (typeof flat === 'string' && flat !== '') return flat;
  const [parent, child] = path.split('.');
  const nested = fields[parent];
  if (typeof nested !== 'object' || nested === null || Array.isArray(nested)) return undefined;
  const value = (nested as Record<string, unknown>)[child];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `findString`, taking the value out of the document (and an emptied parent with it). */
function takeString(fields: Record<string, unknown>, path: string): string | undefined {
  const value = findString(fields, path);
  if (value === undefined) return undefined;
  if (fields[path] === value) {
    delete fields[path];
    return value;
  }
  const [parent, child] = path.split('.');
  const rest = { ...(fields[parent] as Record<string, unknown>) };
  delete rest[child];
  if (Object.keys(rest).length > 0) fields[parent] = rest;
  else delete fields[parent];
  return value;
}
