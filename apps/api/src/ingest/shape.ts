import { BadRequestException } from '@nestjs/common';

/**
 * Shape checks for decoded request bodies. A misplaced field is a 400 naming its position
 * (`streams[2].values[0][1]`), never its content.
 */
export function wrongType(at: string, expected: string): BadRequestException {
  return new BadRequestException({
    error: 'Bad Request',
    message: `${at}: must be ${expected}`,
    errors: [{ field: at, reason: `must be ${expected}` }],
  });
}

export function objectAt(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType(at, 'an object');
  }
  return value as Record<string, unknown>;
}

/** Repeated fields: absent (or null) is empty. */
export function arrayAt(value: unknown, at: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw wrongType(at, 'an array');
  return value;
}

export function stringAt(value: unknown, at: string): string {
  if (typeof value !== 'string') throw wrongType(at, 'a string');
  return value;
}

/** Epoch nanoseconds: a decimal string, or a number small enough to be exact. */
export function nanosAt(value: unknown, at: string): string {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw wrongType(at, 'epoch nanoseconds as a decimal string');
}
