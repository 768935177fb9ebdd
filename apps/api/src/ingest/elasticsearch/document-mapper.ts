import type { LogInput } from '@redtail/contracts';
import { levelOfName } from '../levels';
import { fieldsWithout } from '../record-fields';

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
  const fields = new DocumentFields(document);
  const messageField = MESSAGE_FIELDS.find((field) => typeof fields.get(field) === 'string');
  const input: LogInput = {
    level: takeLevel(fields) ?? 'info',
    message: messageField ? (fields.take(messageField) as string) : '',
  };
  const timestampField = ['@timestamp', 'time'].find((field) => isTime(fields.get(field)));
  if (timestampField) input.timestamp = fields.take(timestampField) as string | number;
  const service = takeString(fields, 'service.name') ?? takeService(fields) ?? indexService;
  if (service) input.service = service;
  const traceId = takeString(fields, 'trace.id');
  if (traceId) input.traceId = traceId;
  const spanId = takeString(fields, 'span.id');
  if (spanId) input.spanId = spanId;
  const context = fields.rest();
  if (Object.keys(context).length > 0) input.context = context;
  return input;
}

/**
 * A document as the mapper takes its parts out: what was taken, and nested objects left with
 * fewer fields, are noted and the rest copied once at the end (record-fields.ts says why).
 */
class DocumentFields {
  private readonly taken = new Set<string>();
  /** Parents left with fewer fields (undefined: none left, so the parent goes too). */
  private readonly replaced = new Map<string, Record<string, unknown> | undefined>();

  constructor(private readonly document: Readonly<Record<string, unknown>>) {}

  get(key: string): unknown {
    if (this.taken.has(key)) return undefined;
    return this.replaced.has(key) ? this.replaced.get(key) : this.document[key];
  }

  take(key: string): unknown {
    const value = this.get(key);
    this.taken.add(key);
    return value;
  }

  replace(key: string, value: Record<string, unknown> | undefined): void {
    this.replaced.set(key, value);
  }

  /** Everything not taken: the entry's context. */
  rest(): Record<string, unknown> {
    return fieldsWithout(this.document, this.taken, this.replaced);
  }
}

/** pino's numeric `level`, ECS's `log.level`, or a `level` name. */
function takeLevel(fields: DocumentFields): string | undefined {
  const ecs = levelOfName(findString(fields, 'log.level'));
  if (ecs) {
    takeString(fields, 'log.level');
    return ecs;
  }
  const parsed = levelOfName(fields.get('level'));
  if (parsed) fields.take('level');
  return parsed;
}

/** `service` as a plain name (ECS's nested `service: { name }` is read by `takeString`). */
function takeService(fields: DocumentFields): string | undefined {
  const service = fields.get('service');
  if (typeof service !== 'string' || service === '') return undefined;
  fields.take('service');
  return service;
}

function isTime(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

/**
 * A string at a dotted ECS path, written flat (`"log.level": "warn"`) or nested
 * (`"log": { "level": "warn" }`).
 */
function findString(fields: DocumentFields, path: string): string | undefined {
  const flat = fields.get(path);
  if (typeof flat === 'string' && flat !== '') return flat;
  const [parent, child] = path.split('.');
  const nested = fields.get(parent);
  if (typeof nested !== 'object' || nested === null || Array.isArray(nested)) return undefined;
  const value = (nested as Record<string, unknown>)[child];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `findString`, taking the value out of the document (and an emptied parent with it). */
function takeString(fields: DocumentFields, path: string): string | undefined {
  const value = findString(fields, path);
  if (value === undefined) return undefined;
  if (fields.get(path) === value) {
    fields.take(path);
    return value;
  }
  const [parent, child] = path.split('.');
  const rest = fieldsWithout(fields.get(parent) as Record<string, unknown>, new Set([child]));
  fields.replace(parent, Object.keys(rest).length > 0 ? rest : undefined);
  return value;
}
