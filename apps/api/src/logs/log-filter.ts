import { BadRequestException } from '@nestjs/common';
import {
  CompiledLogFilter,
  compileLogFilter,
  FilterProblem,
  LogFilter,
  parseLogFilter,
} from '@redtail/contracts';
import { assertLinearTimeSafe, UnsafePatternError } from '@redtail/masking';

export const MAX_PATTERN = 200;
const PATTERN_FLAGS = 'i';

/**
 * Why a user's pattern is refused (too long, invalid, or able to backtrack super-linearly and so
 * stall the server), or undefined when it is safe to run on every entry. Never quotes the pattern.
 */
export function patternProblem(source: string): string | undefined {
  if (source.length > MAX_PATTERN) return `pattern must be at most ${MAX_PATTERN} characters`;
  try {
    assertLinearTimeSafe(source, PATTERN_FLAGS);
  } catch (error) {
    if (error instanceof UnsafePatternError) return `pattern ${error.message}`;
    throw error;
  }
  return undefined;
}

/** The server's pattern engine for `q` and `exclude` (checked by `patternProblem` first). */
function serverPattern(source: string): (text: string) => boolean {
  const pattern = new RegExp(source, PATTERN_FLAGS);
  return (text) => pattern.test(text);
}

/** A filter the shared parser accepted, compiled with the server's pattern engine. */
export function compileFilter(filter: LogFilter): CompiledLogFilter {
  return compileLogFilter(filter, serverPattern);
}

/**
 * Reads a filter from a socket payload or a query string, the same way for both: the shared
 * contract first, then the server's own check of any pattern. Returns every problem found.
 */
export function readFilter(input: unknown): CompiledLogFilter | FilterProblem[] {
  const parsed = parseLogFilter(input);
  if (!parsed.ok) return parsed.problems;
  const { filter } = parsed;
  const problems: FilterProblem[] = [];
  if (filter.regex) {
    for (const field of ['q', 'exclude'] as const) {
      const source = filter[field];
      const problem = source === undefined ? undefined : patternProblem(source);
      if (problem) problems.push({ field, reason: problem });
    }
  }
  return problems.length > 0 ? problems : compileFilter(filter);
}

/** `readFilter` for HTTP: a 400 naming each bad parameter. */
export function filterFromQuery(query: unknown): CompiledLogFilter {
  const filter = readFilter(query);
  if (!Array.isArray(filter)) return filter;
  throw new BadRequestException({
    error: 'Bad Request',
    message: filter.map((problem) => `${problem.field}: ${problem.reason}`).join('; '),
    errors: filter,
  });
}

/** `readFilter` for the socket: the acknowledgement's one-line error. */
export function filterFromSocket(request: unknown): CompiledLogFilter | string {
  const filter = readFilter(request);
  if (!Array.isArray(filter)) return filter;
  return filter.map((problem) => `${problem.field}: ${problem.reason}`).join('; ');
}
