import type { BodySpec } from './read-body.decorator';

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson'] as const;

/** `POST /logs`: one entry, as JSON or as a single NDJSON line. */
export const SINGLE_ENTRY_BODY: BodySpec = {
  types: {
    'application/json': 'json',
    ...Object.fromEntries(NDJSON_TYPES.map((type) => [type, 'json' as const])),
  },
  limit: 'LOG_MAX_BODY',
  refusal: 'Content-Type must be application/json or application/x-ndjson',
  empty: 'refuse',
};

/** `POST /logs/batch`: a JSON array, or NDJSON text that the pipeline splits line by line. */
export const BATCH_BODY: BodySpec = {
  types: {
    'application/json': 'json',
    ...Object.fromEntries(NDJSON_TYPES.map((type) => [type, 'text' as const])),
  },
  limit: 'LOG_MAX_BODY',
  refusal: 'Content-Type must be application/json (an array) or application/x-ndjson',
  empty: 'refuse',
};

/** Admin actions (panic, resume): a JSON object of options, `{}` or nothing for none. */
export const JSON_OPTIONS_BODY: BodySpec = {
  types: { 'application/json': 'json' },
  limit: 'LOG_MAX_BODY',
  refusal: 'Content-Type must be application/json',
  empty: 'empty-object',
};
