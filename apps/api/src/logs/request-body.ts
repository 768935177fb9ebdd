import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { BatchItemError } from '@redtail/contracts';
import { InputProblem, normaliseLogInput, NormalisedInput } from './log-input';

/** A batch after parsing and validation: the good entries and where they stood, and why the rest failed. */
export interface ReadBatch {
  inputs: NormalisedInput[];
  /** `positions[i]` is the index of `inputs[i]` in the request. */
  positions: number[];
  errors: BatchItemError[];
}

/** Parses and validates a batch body; a bad item is reported by index and never sinks the others. */
export function readBatch(body: unknown, max: number): ReadBatch {
  return validateBatch(splitBatch(body, max));
}

/** Validates items already split from a request (`MALFORMED` marks one that did not parse). */
export function validateBatch(items: readonly unknown[]): ReadBatch {
  const batch: ReadBatch = { inputs: [], positions: [], errors: [] };
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (item === MALFORMED) {
      batch.errors.push({ index, reason: 'malformed JSON' });
      continue;
    }
    if (item instanceof RefusedItem) {
      batch.errors.push({ index, reason: item.reason });
      continue;
    }
    const result = normaliseLogInput(item);
    if (result.input) {
      batch.inputs.push(result.input);
      batch.positions.push(index);
    } else if (result.problem) {
      batch.errors.push({
        index,
        field: result.problem.field || undefined,
        reason: result.problem.reason,
      });
    }
  }
  return batch;
}

/** Stands in for an item whose JSON did not parse, so it is reported at its own index. */
export const MALFORMED = Symbol('malformed');

/**
 * Stands in for an item a door refused before parsing it (a streamed line over the size limit),
 * so it is reported and counted at its own index like any other refusal.
 */
export class RefusedItem {
  constructor(readonly reason: string) {}
}

/** `POST /logs` bodies: parsed JSON, or text when sent as NDJSON. */
export function parseSingleBody(body: unknown): unknown {
  if (body === undefined) {
    throw new UnsupportedMediaTypeException(
      'Content-Type must be application/json or application/x-ndjson',
    );
  }
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body.trim()) as unknown;
  } catch {
    throw new BadRequestException('Malformed JSON in request body');
  }
}

/** A JSON array, or NDJSON text (one entry per non-blank line; a bad line fails alone). */
export function splitBatch(body: unknown, max: number): unknown[] {
  if (body === undefined) {
    throw new UnsupportedMediaTypeException(
      'Content-Type must be application/json (an array) or application/x-ndjson',
    );
  }
  let items: unknown[];
  if (Array.isArray(body)) {
    items = body;
  } else if (typeof body === 'string') {
    const trimmed = body.trimStart();
    if (trimmed.startsWith('[')) {
      try {
        items = JSON.parse(trimmed) as unknown[];
      } catch {
        throw new BadRequestException('Malformed JSON in request body');
      }
      if (!Array.isArray(items)) throw badInput({ field: 'body', reason: 'must be an array' });
    } else {
      items = parseNdjson(body, max);
    }
  } else {
    throw badInput({ field: 'body', reason: 'must be a JSON array of entries or NDJSON' });
  }
  if (items.length === 0) throw badInput({ field: 'body', reason: 'batch is empty' });
  if (items.length > max) {
    throw new PayloadTooLargeException(`Batch has more than LOG_MAX_BATCH (${max}) entries`);
  }
  return items;
}

function parseNdjson(text: string, max: number): unknown[] {
  const items: unknown[] = [];
  let from = 0;
  while (from < text.length && items.length <= max) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to).trim();
    from = to + 1;
    if (line.length === 0) continue;
    try {
      items.push(JSON.parse(line));
    } catch {
      items.push(MALFORMED);
    }
  }
  return items;
}

export function badInput(problem: InputProblem): BadRequestException {
  const field = problem.field || 'body';
  return new BadRequestException({
    error: 'Bad Request',
    message: `${field}: ${problem.reason}`,
    errors: [{ field, reason: problem.reason }],
  });
}
