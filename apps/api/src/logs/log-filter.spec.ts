import type { LogEntry } from '@redtail/contracts';
import { CompiledFilter, compileSocketFilter, patternProblem, queryFilter } from './log-filter';

function entry(message: string): LogEntry {
  return {
    id: '1-1',
    seq: 1,
    timestamp: '2025-01-31T00:00:00.000Z',
    level: 'info',
    service: 'checkout',
    message,
  } as LogEntry;
}

function compiled(request: unknown): CompiledFilter {
  const filter = compileSocketFilter(request);
  if (typeof filter === 'string') throw new Error(filter);
  return filter;
}

const messages = ['keep-1 ok', 'KEEP-22 done', 'drop-3 noise', 'kept ok'];
const shown = (filter: CompiledFilter) => messages.filter((m) => filter.matches(entry(m)));

describe('log filters', () => {
  it('hides messages that contain the exclude text, ignoring case', () => {
    expect(shown(compiled({ exclude: 'NOISE' }))).toEqual(['keep-1 ok', 'KEEP-22 done', 'kept ok']);
  });

  it('combines q and exclude', () => {
    expect(shown(compiled({ q: 'ok', exclude: 'kept' }))).toEqual(['keep-1 ok']);
  });

  it('treats q and exclude as literal text without regex', () => {
    expect(shown(compiled({ q: 'keep-\\d+' }))).toEqual([]);
  });

  it('matches q and exclude as case-insensitive regular expressions with regex', () => {
    expect(shown(compiled({ q: '^keep-\\d+', regex: true }))).toEqual([
      'keep-1 ok',
      'KEEP-22 done',
    ]);
    expect(shown(compiled({ q: '^ke', exclude: 'd[a-z]ne', regex: true }))).toEqual([
      'keep-1 ok',
      'kept ok',
    ]);
  });

  it('gives equal keys to equal filters and different keys when only regex differs', () => {
    expect(compiled({ q: 'Boom' }).key).toBe(compiled({ q: 'boom' }).key);
    expect(compiled({ q: 'boom', regex: true }).key).not.toBe(compiled({ q: 'boom' }).key);
    expect(compiled({ regex: true }).acceptsAll).toBe(true);
  });

  it('refuses a pattern that could backtrack super-linearly, naming the field', () => {
    expect(compileSocketFilter({ q: '(a+)+$', regex: true })).toMatch(/^q: pattern /);
    expect(compileSocketFilter({ exclude: '(x|xy){1,9}z', regex: true })).toMatch(
      /^exclude: pattern /,
    );
  });

  it('refuses an invalid pattern, naming the field and the reason', () => {
    expect(compileSocketFilter({ exclude: 'a(b', regex: true })).toMatch(
      /^exclude: pattern is not a valid regular expression/,
    );
  });

  it('refuses a pattern that matches empty text', () => {
    expect(compileSocketFilter({ q: 'a*', regex: true })).toBe('q: pattern can match empty text');
  });

  it('accepts the same unsafe text as a plain substring', () => {
    expect(shown(compiled({ q: '(a+)+$' }))).toEqual([]);
  });

  it('refuses too long patterns and a regex flag that is not a boolean', () => {
    expect(patternProblem('a'.repeat(201))).toBe('pattern must be at most 200 characters');
    expect(compileSocketFilter({ q: 'a'.repeat(201), regex: true })).toMatch(/^q: /);
    expect(compileSocketFilter({ q: 'a', regex: 'yes' })).toBe('regex: must be a boolean');
  });

  it('compiles a pattern once, not per entry', () => {
    const spy = jest.spyOn(globalThis, 'RegExp');
    const filter = queryFilter({ q: 'keep', exclude: 'drop', regex: true });
    const built = spy.mock.calls.length;
    expect(built).toBe(2);
    for (const message of messages) filter.matches(entry(message));
    expect(spy.mock.calls.length).toBe(built);
    spy.mockRestore();
  });

  it('applies exclude and regex from GET /logs fields', () => {
    expect(shown(queryFilter({ q: 'k.e', exclude: 'done', regex: true }))).toEqual(['keep-1 ok']);
  });
});
