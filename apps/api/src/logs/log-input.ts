import { ACCEPTED_LEVEL_NAMES, LOG_LEVELS, LogLevel, parseLevel } from '@redtail/contracts';
import Ajv, { ErrorObject } from 'ajv';

/**
 * The canonical `POST /logs` shape as JSON Schema: the one source of truth.
 * Ajv compiles it once for the hot path and `CreateLogDto` spreads these same
 * fragments into `@ApiProperty`, so Swagger documents exactly what is enforced
 * (a spec compares the two).
 */
export const LOG_INPUT_PROPERTIES = {
  level: {
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    description: `One of ${LOG_LEVELS.join(', ')} (also ${ACCEPTED_LEVEL_NAMES.filter(
      (name) => !(LOG_LEVELS as readonly string[]).includes(name),
    ).join(', ')}), any case, or a pino/bunyan number 10–60; \`info\` when absent.`,
  },
  message: {
    type: 'string',
    description: 'The log line; masked, then cut at LOG_MAX_MESSAGE bytes.',
  },
  service: {
    type: 'string',
    minLength: 1,
    maxLength: 128,
    description: 'Emitting service; `default` when absent.',
  },
  timestamp: {
    oneOf: [{ type: 'string' }, { type: 'number' }],
    description: 'ISO-8601 or epoch milliseconds; the time of receipt when absent.',
  },
  context: {
    type: 'object',
    description: 'Structured fields, masked like the message; at most 8 levels deep and 200 keys.',
  },
  traceId: { type: 'string', maxLength: 128 },
  spanId: { type: 'string', maxLength: 128 },
} as const;

/** Only the message: like Seq, Loki and most loggers, a line without a level is \`info\`. */
export const LOG_INPUT_REQUIRED = ['message'] as const;
const DEFAULT_LEVEL: LogLevel = 'info';

export const LOG_INPUT_SCHEMA = {
  type: 'object',
  properties: LOG_INPUT_PROPERTIES,
  required: [...LOG_INPUT_REQUIRED],
  additionalProperties: false,
} as const;

export const CONTEXT_MAX_DEPTH = 8;
export const CONTEXT_MAX_KEYS = 200;
/** Keys that could reach an object's prototype if any later code merged or assigned them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const CANONICAL_KEYS = new Set(Object.keys(LOG_INPUT_PROPERTIES));
const DEFAULT_SERVICE = 'default';
/** ±100 000 000 days around 1970: the range a JS Date can hold. */
const MAX_TIME = 8.64e15;

/** A validated, normalised entry, not yet masked. */
export interface NormalisedInput {
  level: LogLevel;
  message: string;
  service: string;
  timestamp: number | undefined;
  context: Record<string, unknown> | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
}

export interface InputProblem {
  field: string;
  reason: string;
}

/** Exactly one of the two is set. */
export interface NormaliseResult {
  input?: NormalisedInput;
  problem?: InputProblem;
}

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
const validateCanonical = ajv.compile(LOG_INPUT_SCHEMA);

/**
 * Checks and normalises one entry: the canonical shape, a raw pino/bunyan line
 * (`msg`, `time`, `name`), or a winston-style object with extra top-level
 * fields. Fields outside the canonical shape move into `context`.
 */
export function normaliseLogInput(raw: unknown): NormaliseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('', 'must be a JSON object');
  }
  const shaped = toCanonical(raw as Record<string, unknown>);
  if (isProblem(shaped)) return { problem: shaped };
  if (!validateCanonical(shaped)) return { problem: fromAjv(validateCanonical.errors) };

  const level = shaped['level'] === undefined ? DEFAULT_LEVEL : parseLevel(shaped['level']);
  if (!level) {
    return fail('level', `unknown level; expected one of ${LOG_LEVELS.join(', ')} or 10–60`);
  }
  const timestamp = parseTime(shaped['timestamp']);
  if (Number.isNaN(timestamp)) {
    return fail('timestamp', 'must be an ISO-8601 date or epoch milliseconds');
  }
  const context = shaped['context'] as Record<string, unknown> | undefined;
  if (context !== undefined) {
    const problem = checkTree(context, 1, { keys: 0 });
    if (problem)
      return {
        problem: {
          ...problem,
          field: problem.field.startsWith('[') ? `context${problem.field}` : problem.field,
        },
      };
  }
  return {
    input: {
      level,
      message: shaped['message'] as string,
      service: (shaped['service'] as string | undefined) ?? DEFAULT_SERVICE,
      timestamp,
      context,
      traceId: shaped['traceId'] as string | undefined,
      spanId: shaped['spanId'] as string | undefined,
    },
  };
}

/** Same rules for a time given in a query (`since`, `until`). */
export function parseTime(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= MAX_TIME ? value : NaN;
  }
  if (typeof value !== 'string') return NaN;
  if (/^\d{1,16}$/.test(value)) return parseTime(Number(value));
  return Date.parse(value);
}

/** Maps pino/bunyan spellings onto the canonical fields and folds every other field into `context`. */
function toCanonical(raw: Record<string, unknown>): Record<string, unknown> | InputProblem {
  let extras: Record<string, unknown> | undefined;
  let mapped = false;
  let position = 0;
  for (const key in raw) {
    if (FORBIDDEN_KEYS.has(key)) return { field: `entry[${position}]`, reason: 'forbidden key' };
    position += 1;
    if (!CANONICAL_KEYS.has(key)) {
      mapped = true;
      extras ??= Object.create(null) as Record<string, unknown>;
      extras[key] = raw[key];
    }
  }
  if (!mapped) return raw;

  const shaped: Record<string, unknown> = {};
  for (const key of CANONICAL_KEYS) {
    if (raw[key] !== undefined) shaped[key] = raw[key];
  }
  if (extras) {
    takeAlias(extras, shaped, 'msg', 'message', 'string');
    takeAlias(extras, shaped, 'time', 'timestamp', 'any');
    takeAlias(extras, shaped, 'name', 'service', 'string');
  }
  if (extras && Object.keys(extras).length > 0) {
    const given = shaped['context'];
    if (
      given !== undefined &&
      (typeof given !== 'object' || given === null || Array.isArray(given))
    ) {
      return { field: 'context', reason: 'must be object' };
    }
    shaped['context'] = given ? Object.assign(extras, given) : extras;
  }
  return shaped;
}

function takeAlias(
  extras: Record<string, unknown>,
  shaped: Record<string, unknown>,
  alias: string,
  canonical: string,
  type: 'string' | 'any',
): void {
  const value = extras[alias];
  if (value === undefined || shaped[canonical] !== undefined) return;
  if (type === 'string' && typeof value !== 'string') return;
  shaped[canonical] = value;
  delete extras[alias];
}

/**
 * Depth, size and key names of structured context; JSON.parse keeps `__proto__` as an own key, so
 * check it here. A problem names where it is by position (`context[3][0]`), never by key: key
 * names are the client's content. Positions are added only on the way out, so a good context
 * costs no path strings.
 */
function checkTree(
  value: unknown,
  depth: number,
  budget: { keys: number },
): InputProblem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > CONTEXT_MAX_DEPTH) {
    return { field: 'context', reason: `nested deeper than ${CONTEXT_MAX_DEPTH} levels` };
  }
  if (Array.isArray(value)) {
    budget.keys += value.length;
    if (budget.keys > CONTEXT_MAX_KEYS) return tooManyKeys();
    for (let index = 0; index < value.length; index += 1) {
      const problem = checkTree(value[index], depth + 1, budget);
      if (problem) return at(index, problem);
    }
    return undefined;
  }
  let position = 0;
  for (const key in value) {
    if (FORBIDDEN_KEYS.has(key)) return { field: `[${position}]`, reason: 'forbidden key' };
    budget.keys += 1;
    if (budget.keys > CONTEXT_MAX_KEYS) return tooManyKeys();
    const problem = checkTree((value as Record<string, unknown>)[key], depth + 1, budget);
    if (problem) return at(position, problem);
    position += 1;
  }
  return undefined;
}

/** Prefixes a position to a problem found inside; problems about the whole context stay as they are. */
function at(position: number, problem: InputProblem): InputProblem {
  return problem.field.startsWith('[')
    ? { ...problem, field: `[${position}]${problem.field}` }
    : problem;
}

function tooManyKeys(): InputProblem {
  return { field: 'context', reason: `more than ${CONTEXT_MAX_KEYS} keys` };
}

function fromAjv(errors: ErrorObject[] | null | undefined): InputProblem {
  const error = errors?.[0];
  if (!error) return { field: '', reason: 'invalid' };
  if (error.keyword === 'required') {
    return { field: String(error.params['missingProperty']), reason: 'is required' };
  }
  const field = error.instancePath.slice(1).replace(/\//g, '.');
  if (error.keyword === 'oneOf' || error.keyword === 'type') {
    const types = typesOf(field);
    return { field, reason: `must be ${types}` };
  }
  return { field, reason: error.message ?? 'is invalid' };
}

function typesOf(field: string): string {
  const properties: Record<string, { type?: string; oneOf?: readonly { type: string }[] }> =
    LOG_INPUT_PROPERTIES;
  const schema = properties[field];
  const types = schema?.oneOf?.map((option) => option.type) ?? [schema?.type ?? 'valid value'];
  return types.map((type) => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`).join(' or ');
}

function fail(field: string, reason: string): NormaliseResult {
  return { problem: { field, reason } };
}

function isProblem(value: Record<string, unknown> | InputProblem): value is InputProblem {
  return (
    typeof value['field'] === 'string' && typeof value['reason'] === 'string' && !('level' in value)
  );
}
