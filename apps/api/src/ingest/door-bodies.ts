import type { BodySpec } from '../body/read-body.decorator';

/** OTLP/HTTP: binary protobuf or OTLP's JSON encoding (an empty protobuf is an empty request). */
export const OTLP_BODY: BodySpec = {
  types: { 'application/x-protobuf': 'bytes', 'application/json': 'json' },
  limit: 'LOG_MAX_BULK_BODY',
  refusal: 'Content-Type must be application/x-protobuf or application/json (OTLP/HTTP)',
  empty: 'as-is',
};

/** Loki push: JSON, or protobuf that is always snappy-compressed (block format), header or not. */
export const LOKI_BODY: BodySpec = {
  types: {
    'application/json': 'json',
    'application/x-protobuf': { format: 'bytes', compressed: 'snappy' },
  },
  limit: 'LOG_MAX_BULK_BODY',
  refusal: 'Content-Type must be application/json or application/x-protobuf (Loki push)',
  empty: 'refuse',
};

/** Elasticsearch bulk: NDJSON under any of the media types Elasticsearch clients send it with. */
export const BULK_BODY: BodySpec = {
  types: {
    'application/x-ndjson': 'text',
    'application/vnd.elasticsearch+x-ndjson': 'text',
    'application/json': 'text',
    'application/vnd.elasticsearch+json': 'text',
  },
  limit: 'LOG_MAX_BULK_BODY',
  refusal: 'Content-Type must be application/x-ndjson (Elasticsearch bulk)',
  empty: 'refuse',
};
