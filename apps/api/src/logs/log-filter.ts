import { BadRequestException } from '@nestjs/common';
import {
  CompiledLogFilter,
  compileLogFilter,
  FilterProblem,
  LogFilter,
  parseLogFilter,
} from '@redtail/contracts';
import { RE2JS, RE2JSSyntaxException } from 're2js';

export const MAX_PATTERN = 200;
/**
 * Compiled size a pattern may reach. RE2 runs in time linear in the text, but the constant is
 * the program's size: counted repeats multiply it (`[\s\S]{1,256}` three times is ~1 500
 * instructions and ~40 ms per compile). Everyday searches are well under 100.
 */
const MAX_PROGRAM = 1_000;

/**
 * Viewers' `q` and `exclude` patterns run on RE2 (re2js): no backtracking, so no pattern can take
 * more than linear time on any line. Compiled once per query or subscription, case-insensitive.
 */
function compilePattern(source: string): RE2JS {
  return RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
}

/**
 * Why a user's pattern is refused (too long, not RE2 syntax, too large a program, or matching
 * every line), or undefined when it is fine. Names the problem, never quotes the pattern.
 */
export function patternProblem(source: string): string | undefined {
  if (source.length > MAX_PATTERN) return `pattern must be at most ${MAX_PATTERN} characters`;
  let pattern: RE2JS;
  try {
    pattern = compilePattern(source);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException)
      return `pattern is not a valid regular expression: ${syntaxReason(error)}`;
    throw error;
  }
  const size = pattern.re2().prog.numInst() as number;
  if (size > MAX_PROGRAM) {
    return `pattern is too large once compiled (${size} steps, at most ${MAX_PROGRAM}): use smaller repeat counts`;
  }
  if (pattern.test('')) return 'pattern can match empty text, so it would match every line';
  return undefined;
}

/**
 * RE2's reason without the fragment it quotes: `missing closing )`, `invalid escape sequence`,
 * `invalid or unsupported Perl syntax` (look-arounds, backreferences) …
 */
function syntaxReason(error: RE2JSSyntaxException): string {
  const reason = /error parsing regexp: ([^:`]+)/.exec(error.message)?.[1]?.trim();
  return reason ? `${reason} (RE2 syntax: no look-arounds or backreferences)` : 'not RE2 syntax';
}

/** The server's pattern engine for `q` and `exclude` (checked by `patternProblem` first). */
function serverPattern(source: string): (text: string) => boolean {
  const pattern = compilePattern(source);
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
