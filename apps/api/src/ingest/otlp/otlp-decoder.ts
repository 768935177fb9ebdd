import { BadRequestException } from '@nestjs/common';
import { arrayAt, nanosAt, objectAt, stringAt, wrongType } from '../shape';
import { ExportLogsServiceRequest } from './otlp-proto';

/** One log record with what its resource and scope say about it, in plain JavaScript values. */
export interface OtlpLogRecord {
  resource: Record<string, unknown>;
  scope: string | undefined;
  /** Epoch nanoseconds as a decimal string. */
  time: string | undefined;
  observedTime: string | undefined;
  severityNumber: number | undefined;
  severityText: string | undefined;
  /** The body as a plain value (string, number, array, object…); undefined when absent. */
  body: unknown;
  /** Built for this record alone (the mapper adds to it and hands it on as the context). */
  attributes: Record<string, unknown>;
  /** Lower-case hex; undefined when absent or all zeros (the "invalid" id). */
  traceId: string | undefined;
  spanId: string | undefined;
  eventName: string | undefined;
}

/** AnyValue nesting kept before the rest is cut; deeper than the pipeline's context limit anyway. */
const MAX_VALUE_DEPTH = 16;
const CUT = '[nested too deep]';

/**
 * `ExportLogsServiceRequest` in protobuf; a body that does not decode is a 400 saying so. The
 * decoded message is read as it is (its unset fields are prototype defaults, its set ones own
 * properties): copying it into plain objects first cost more than decoding it.
 */
export function decodeOtlpProtobuf(body: Buffer): OtlpLogRecord[] {
  let request: ProtoRequest;
  try {
    request = ExportLogsServiceRequest.decode(body) as unknown as ProtoRequest;
  } catch {
    throw new BadRequestException('Body is not a valid OTLP ExportLogsServiceRequest (protobuf)');
  }
  const records: OtlpLogRecord[] = [];
  request.resourceLogs.forEach((group, r) => {
    const resource = group.resource ? protoKeyValues(group.resource.attributes, 0) : {};
    group.scopeLogs.forEach((scopeLogs, s) => {
      const scope = scopeLogs.scope?.name || undefined;
      scopeLogs.logRecords.forEach((record, l) => {
        const at = `resourceLogs[${r}].scopeLogs[${s}].logRecords[${l}]`;
        records.push({
          resource,
          scope,
          time: sentNanos(record.timeUnixNano),
          observedTime: sentNanos(record.observedTimeUnixNano),
          severityNumber: record.severityNumber || undefined,
          severityText: record.severityText || undefined,
          body: record.body ? protoValue(record.body, 0) : undefined,
          attributes: protoKeyValues(record.attributes, 0),
          traceId: protoId(record.traceId, 16, `${at}.traceId`),
          spanId: protoId(record.spanId, 8, `${at}.spanId`),
          eventName: record.eventName || undefined,
        });
      });
    });
  });
  return records;
}

/** 64-bit integers as protobufjs decodes them (the `long` package's Long). */
interface Long {
  isZero(): boolean;
  toNumber(): number;
  toString(): string;
}

/** An unset bytes field decodes as an empty array, a set one as a Buffer. */
function protoId(bytes: ArrayLike<number>, length: number, at: string): string | undefined {
  return bytes.length === 0 ? undefined : id(Buffer.from(bytes as Uint8Array), length, at);
}

/** Zero is protobuf's "not sent". */
function sentNanos(nanos: Long): string | undefined {
  return nanos.isZero() ? undefined : nanos.toString();
}

/** The decoded message's shape. */
interface ProtoRequest {
  resourceLogs: {
    resource: { attributes: ProtoKeyValue[] } | null;
    scopeLogs: {
      scope: { name: string } | null;
      logRecords: {
        timeUnixNano: Long;
        observedTimeUnixNano: Long;
        severityNumber: number;
        severityText: string;
        body: ProtoValue | null;
        attributes: ProtoKeyValue[];
        traceId: Uint8Array;
        spanId: Uint8Array;
        eventName: string;
      }[];
    }[];
  }[];
}

interface ProtoKeyValue {
  key: string;
  value: ProtoValue | null;
}

interface ProtoValue {
  stringValue: string;
  boolValue: boolean;
  intValue: Long;
  doubleValue: number;
  arrayValue: { values: ProtoValue[] } | null;
  kvlistValue: { values: ProtoKeyValue[] } | null;
  bytesValue: Uint8Array;
}

function protoKeyValues(pairs: ProtoKeyValue[], depth: number): Record<string, unknown> {
  return Object.fromEntries(
    pairs.map((pair) => [pair.key, pair.value ? protoValue(pair.value, depth) : null]),
  );
}

/** Only the member of AnyValue's oneof that was sent is an own property. */
function protoValue(value: ProtoValue, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) return CUT;
  if (has(value, 'stringValue')) return value.stringValue;
  if (has(value, 'boolValue')) return value.boolValue;
  if (has(value, 'intValue')) {
    const number = value.intValue.toNumber();
    return Number.isSafeInteger(number) ? number : value.intValue.toString();
  }
  if (has(value, 'doubleValue')) {
    return Number.isFinite(value.doubleValue) ? value.doubleValue : String(value.doubleValue);
  }
  if (has(value, 'bytesValue')) return Buffer.from(value.bytesValue).toString('base64');
  if (has(value, 'arrayValue')) {
    return (value.arrayValue?.values ?? []).map((item) => protoValue(item, depth + 1));
  }
  if (has(value, 'kvlistValue')) return protoKeyValues(value.kvlistValue?.values ?? [], depth + 1);
  return null;
}

function has(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

/**
 * `ExportLogsServiceRequest` in OTLP's JSON encoding: lowerCamelCase names, 64-bit integers as
 * decimal strings, trace and span ids as hex (not base64). A misplaced field is a 400 naming its
 * position, e.g. `resourceLogs[0].scopeLogs[0].logRecords[3].timeUnixNano`.
 */
export function decodeOtlpJson(body: unknown): OtlpLogRecord[] {
  return readRequest(body);
}

function readRequest(request: unknown): OtlpLogRecord[] {
  const records: OtlpLogRecord[] = [];
  const root = objectAt(request, 'body');
  arrayAt(root['resourceLogs'], 'resourceLogs').forEach((resourceLogs, r) => {
    const at = `resourceLogs[${r}]`;
    const group = objectAt(resourceLogs, at);
    const resource =
      group['resource'] === undefined
        ? {}
        : attributes(objectAt(group['resource'], `${at}.resource`)['attributes'], `${at}.resource`);
    arrayAt(group['scopeLogs'], `${at}.scopeLogs`).forEach((scopeLogs, s) => {
      const scopeAt = `${at}.scopeLogs[${s}]`;
      const scopeGroup = objectAt(scopeLogs, scopeAt);
      const scope =
        scopeGroup['scope'] === undefined
          ? undefined
          : optionalString(
              objectAt(scopeGroup['scope'], `${scopeAt}.scope`)['name'],
              `${scopeAt}.scope.name`,
            );
      arrayAt(scopeGroup['logRecords'], `${scopeAt}.logRecords`).forEach((record, l) => {
        records.push(
          readRecord(record, `${scopeAt}.logRecords[${l}]`, resource, scope || undefined),
        );
      });
    });
  });
  return records;
}

function readRecord(
  value: unknown,
  at: string,
  resource: Record<string, unknown>,
  scope: string | undefined,
): OtlpLogRecord {
  const record = objectAt(value, at);
  return {
    resource,
    scope,
    time: nanos(record['timeUnixNano'], `${at}.timeUnixNano`),
    observedTime: nanos(record['observedTimeUnixNano'], `${at}.observedTimeUnixNano`),
    severityNumber: severity(record['severityNumber'], `${at}.severityNumber`),
    severityText: optionalString(record['severityText'], `${at}.severityText`) || undefined,
    body: record['body'] === undefined ? undefined : anyValue(record['body'], `${at}.body`, 0),
    attributes: attributes(record['attributes'], at),
    traceId: id(record['traceId'], 16, `${at}.traceId`),
    spanId: id(record['spanId'], 8, `${at}.spanId`),
    eventName: optionalString(record['eventName'], `${at}.eventName`) || undefined,
  };
}

function attributes(value: unknown, at: string): Record<string, unknown> {
  return keyValues(value, `${at}.attributes`, 0);
}

/**
 * `Object.fromEntries` defines own properties, so a key such as `__proto__` stays a plain key
 * (which the pipeline then refuses) instead of reaching the object's prototype.
 */
function keyValues(value: unknown, at: string, depth: number): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  return Object.fromEntries(
    arrayAt(value, at).map((entry, index) => {
      const pair = objectAt(entry, `${at}[${index}]`);
      const key = optionalString(pair['key'], `${at}[${index}].key`) ?? '';
      const inner = pair['value'];
      return [
        key,
        inner === undefined || inner === null
          ? null
          : anyValue(inner, `${at}[${index}].value`, depth),
      ];
    }),
  );
}

function anyValue(value: unknown, at: string, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) return CUT;
  const any = objectAt(value, at);
  if (any['stringValue'] !== undefined) return stringAt(any['stringValue'], `${at}.stringValue`);
  if (any['boolValue'] !== undefined) {
    if (typeof any['boolValue'] !== 'boolean') throw wrongType(`${at}.boolValue`, 'a boolean');
    return any['boolValue'];
  }
  if (any['intValue'] !== undefined) return integer(any['intValue'], `${at}.intValue`);
  if (any['doubleValue'] !== undefined) return double(any['doubleValue'], `${at}.doubleValue`);
  if (any['bytesValue'] !== undefined)
    return bytes(any['bytesValue'], `${at}.bytesValue`).toString('base64');
  if (any['arrayValue'] !== undefined) {
    const values = objectAt(any['arrayValue'], `${at}.arrayValue`)['values'];
    if (values === undefined || values === null) return [];
    return arrayAt(values, `${at}.arrayValue.values`).map((item, index) =>
      anyValue(item, `${at}.arrayValue.values[${index}]`, depth + 1),
    );
  }
  if (any['kvlistValue'] !== undefined) {
    const values = objectAt(any['kvlistValue'], `${at}.kvlistValue`)['values'];
    return keyValues(values, `${at}.kvlistValue.values`, depth + 1);
  }
  return null;
}

/** Protobuf gives bytes; JSON gives hex. Either way: lower-case hex of the right length. */
function id(value: unknown, length: number, at: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let hex: string;
  if (value instanceof Uint8Array) {
    if (value.length === 0) return undefined;
    if (value.length !== length) throw wrongType(at, `${length} bytes`);
    hex = Buffer.from(value).toString('hex');
  } else if (typeof value === 'string' && new RegExp(`^[0-9a-fA-F]{${length * 2}}$`).test(value)) {
    hex = value.toLowerCase();
  } else {
    throw wrongType(at, `${length * 2} hex digits`);
  }
  return /^0+$/.test(hex) ? undefined : hex;
}

function nanos(value: unknown, at: string): string | undefined {
  return value === undefined || value === null ? undefined : nanosAt(value, at);
}

const SEVERITY_NAMES = /^SEVERITY_NUMBER_(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)([234]?)$/;
const SEVERITY_BASE: Readonly<Record<string, number>> = {
  TRACE: 1,
  DEBUG: 5,
  INFO: 9,
  WARN: 13,
  ERROR: 17,
  FATAL: 21,
};

/** A number, or the enum's name (protobuf JSON allows both). */
function severity(value: unknown, at: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    if (value === 'SEVERITY_NUMBER_UNSPECIFIED') return 0;
    const match = SEVERITY_NAMES.exec(value);
    if (match) return SEVERITY_BASE[match[1]] + (match[2] ? Number(match[2]) - 1 : 0);
  }
  throw wrongType(at, 'a SeverityNumber');
}

function integer(value: unknown, at: string): number | string {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
  }
  throw wrongType(at, 'an integer');
}

/** JSON cannot carry NaN or Infinity, so protobuf JSON spells them as strings. */
function double(value: unknown, at: string): number | string {
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return value;
  throw wrongType(at, 'a number');
}

function bytes(value: unknown, at: string): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
    return Buffer.from(value, 'base64');
  }
  throw wrongType(at, 'base64 bytes');
}

function optionalString(value: unknown, at: string): string | undefined {
  return value === undefined || value === null ? undefined : stringAt(value, at);
}
