import { BadRequestException } from '@nestjs/common';
import { arrayAt, nanosAt, objectAt, wrongType } from '../shape';
import { parseLabelSet } from './loki-labels';
import { PushRequest } from './loki-proto';

export interface LokiEntry {
  labels: Readonly<Record<string, string>>;
  /** Epoch nanoseconds as a decimal string. */
  time: string;
  line: string;
  /** Structured metadata (Loki 3), when the client sent any. */
  metadata: Record<string, string> | undefined;
}

/** Protobuf `PushRequest`, already out of its snappy block. */
export function decodeLokiProtobuf(body: Buffer): LokiEntry[] {
  let request: ProtoPush;
  try {
    request = PushRequest.toObject(PushRequest.decode(body), { longs: String }) as ProtoPush;
  } catch {
    throw new BadRequestException('Body is not a valid Loki PushRequest (protobuf)');
  }
  const entries: LokiEntry[] = [];
  (request.streams ?? []).forEach((stream, s) => {
    const labels = labelSet(stream.labels ?? '', `streams[${s}].labels`);
    for (const entry of stream.entries ?? []) {
      const seconds = BigInt(entry.timestamp?.seconds ?? '0');
      const nanos = BigInt(entry.timestamp?.nanos ?? 0);
      entries.push({
        labels,
        time: String(seconds * 1_000_000_000n + nanos),
        line: entry.line ?? '',
        metadata: entry.structuredMetadata?.length
          ? Object.fromEntries(
              entry.structuredMetadata.map((pair) => [pair.name ?? '', pair.value ?? '']),
            )
          : undefined,
      });
    }
  });
  return entries;
}

/** `{"streams":[{"stream":{labels},"values":[["<ns>","<line>",{metadata}?]]}]}`. */
export function decodeLokiJson(body: unknown): LokiEntry[] {
  const request = objectAt(body, 'body');
  const entries: LokiEntry[] = [];
  arrayAt(request['streams'], 'streams').forEach((value, s) => {
    const stream = objectAt(value, `streams[${s}]`);
    const labels = stringRecord(stream['stream'] ?? {}, `streams[${s}].stream`);
    arrayAt(stream['values'], `streams[${s}].values`).forEach((tuple, v) => {
      const at = `streams[${s}].values[${v}]`;
      if (!Array.isArray(tuple) || tuple.length < 2 || tuple.length > 3) {
        throw wrongType(at, 'an array of [timestamp, line] or [timestamp, line, metadata]');
      }
      const [time, line, metadata] = tuple as unknown[];
      if (typeof line !== 'string') throw wrongType(`${at}[1]`, 'a string');
      entries.push({
        labels,
        time: nanosAt(time, `${at}[0]`),
        line,
        metadata: metadata === undefined ? undefined : stringRecord(metadata, `${at}[2]`),
      });
    });
  });
  return entries;
}

interface ProtoPush {
  streams?: {
    labels?: string;
    entries?: {
      timestamp?: { seconds?: string; nanos?: number };
      line?: string;
      structuredMetadata?: { name?: string; value?: string }[];
    }[];
  }[];
}

function labelSet(text: string, at: string): Record<string, string> {
  const labels = parseLabelSet(text);
  if (!labels) throw wrongType(at, 'a label set such as {job="app",level="info"}');
  return labels;
}

/** Labels and structured metadata: string values only, as Loki requires. */
function stringRecord(value: unknown, at: string): Record<string, string> {
  const record = objectAt(value, at);
  for (const key of Object.keys(record)) {
    if (typeof record[key] !== 'string') throw wrongType(at, 'an object of string values');
  }
  return record as Record<string, string>;
}
