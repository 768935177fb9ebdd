import type { LogInput } from '@redtail/contracts';
import { levelOfName, levelOfSeverityNumber } from '../levels';
import { millisFromNanos } from '../nanoseconds';
import type { OtlpLogRecord } from './otlp-decoder';

const SERVICE_NAME = 'service.name';

/**
 * One OTLP record in Redtail's shape. Everything that can carry log content lands in a field the
 * pipeline masks: the body in `message`, attributes in `context` (the resource's, other than
 * `service.name`, under `context.resource`; the scope's name under `context.scope`). The record's
 * `attributes` object becomes the context itself.
 */
export function otlpToLogInput(record: OtlpLogRecord): LogInput {
  const { [SERVICE_NAME]: serviceName, ...resource } = record.resource;
  // The decoder builds `attributes` afresh for each record, so they become the context as they
  // are: adding fields to a spread copy is a slow path on Node 20's V8 (bench/findings.md,
  // 2026-12-03), about 0.6 µs per record here.
  const context = record.attributes;
  if (Object.keys(resource).length > 0 && !('resource' in context)) context['resource'] = resource;
  if (record.scope !== undefined && !('scope' in context)) context['scope'] = record.scope;
  const input: LogInput = {
    level: levelOf(record),
    message: messageOf(record),
  };
  if (typeof serviceName === 'string' && serviceName !== '') input.service = serviceName;
  const timestamp =
    millisFromNanos(record.time ?? '') ?? millisFromNanos(record.observedTime ?? '');
  if (timestamp) input.timestamp = timestamp;
  if (Object.keys(context).length > 0) input.context = context;
  if (record.traceId) input.traceId = record.traceId;
  if (record.spanId) input.spanId = record.spanId;
  return input;
}

/** SeverityNumber first (it is the normalised one), then the text, else info. */
function levelOf(record: OtlpLogRecord): string {
  return (
    (record.severityNumber !== undefined && levelOfSeverityNumber(record.severityNumber)) ||
    levelOfName(record.severityText) ||
    'info'
  );
}

/** A string body as it is; any other body as JSON; no body: the event's name, if any. */
function messageOf(record: OtlpLogRecord): string {
  const body = record.body;
  if (typeof body === 'string') return body;
  if (body === undefined || body === null) return record.eventName ?? '';
  return JSON.stringify(body);
}
