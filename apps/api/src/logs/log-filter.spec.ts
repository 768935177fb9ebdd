import type { CompiledLogFilter, LogEntry } from '@redtail/contracts';
import { RE2JS } from 're2js';
import { filterFromQuery, filterFromSocket, patternProblem } from './log-filter';

function entry(message: string): LogEntry {
  return {
    id: '1-1',
    seq: 1,
    timestamp: '2025-01-31T00:00:00.000Z',
    receivedAt: '2025-01-31T00:00:00.000Z',
    level: 'info',
    service: 'checkout',
    message,
    masked: {},
  };
}

function compiled(request: unknown): CompiledLogFilter {
  const filter = filterFromSocket(request);
  if (typeof filter === 'string') throw new Error(filter);
  return filter;
}

const messages = ['keep-1 ok', 'KEEP-22 done', 'drop-3 noise', 'kept ok'];
const shown = (filter: CompiledLogFilter) => messages.filter((m) => filter.matchesEntry(entry(m)));

describe('server filters', () => {
  it('hides messages that contain the exclude text, ignoring case', () => {
    expect(shown(compiled({ exclude: 'NOISE' }))).toEqual(['keep-1 ok', 'KEEP-22 done', 'kept ok']);
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

  it('runs patterns that would make a backtracking engine hang, in linear time', () => {
    // With RegExp each of these takes minutes on its input; RE2 takes microseconds.
    const attacks: [string, string][] = [
      ['(a+)+$', `${'a'.repeat(40)}!`],
      ['(\\w+\\s?)+$', `${'word '.repeat(30)}!`],
      ['(x|xy){1,9}z', 'xy'.repeat(500)],
      ['[\\s\\S]{1,64}-[\\s\\S]{1,64}-[\\s\\S]{1,64}Z', '-'.repeat(600)],
    ];
    for (const [pattern, text] of attacks) {
      expect(compiled({ q: pattern, regex: true }).matchesEntry(entry(text))).toBe(false);
    }
  });

  it('refuses a pattern too large once compiled, naming the field', () => {
    const attack = '[\\s\\S]{1,256}-[\\s\\S]{1,256}-[\\s\\S]{1,256}Z';
    expect(filterFromSocket({ q: attack, regex: true })).toMatch(
      /^q: pattern is too large once compiled/,
    );
  });

  it('refuses an invalid pattern, a construct RE2 lacks, or one that matches empty text', () => {
    expect(filterFromSocket({ exclude: 'a(b', regex: true })).toBe(
      'exclude: pattern is not a valid regular expression: missing closing ) (RE2 syntax: no look-arounds or backreferences)',
    );
    for (const unsupported of ['(a)\\1', '(?=x)y']) {
      expect(filterFromSocket({ q: unsupported, regex: true })).toMatch(
        /^q: pattern is not a valid regular expression: /,
      );
    }
    expect(filterFromSocket({ q: 'a*', regex: true })).toBe(
      'q: pattern can match empty text, so it would match every line',
    );
  });

  it('accepts the same unsafe text as a plain substring', () => {
    expect(shown(compiled({ q: '(a+)+$' }))).toEqual([]);
  });

  it('refuses too long patterns and a regex flag that is not one', () => {
    expect(patternProblem('a'.repeat(201))).toBe('pattern must be at most 200 characters');
    expect(filterFromSocket({ q: 'a'.repeat(201), regex: true })).toMatch(/^q: /);
    expect(filterFromSocket({ q: 'a', regex: 'yes' })).toBe('regex: must be true, false, 1 or 0');
  });

  it('compiles a pattern once, not per entry', () => {
    const spy = jest.spyOn(RE2JS, 'compile');
    const filter = compiled({ q: 'keep', exclude: 'drop', regex: true });
    const built = spy.mock.calls.length;
    for (const message of messages) filter.matchesEntry(entry(message));
    expect(spy.mock.calls.length).toBe(built);
    spy.mockRestore();
  });

  it('reads GET /logs parameters the way the socket reads its filter', () => {
    const query = {
      q: 'k.e',
      exclude: 'done',
      regex: '1',
      levels: 'info,warn',
      services: 'checkout',
    };
    expect(filterFromQuery(query).key).toBe(
      compiled({
        q: 'k.e',
        exclude: 'done',
        regex: true,
        levels: ['warn', 'info'],
        services: ['checkout'],
      }).key,
    );
    expect(shown(filterFromQuery(query))).toEqual(['keep-1 ok']);
  });

  it('answers 400 naming every bad parameter of a query', () => {
    let response: unknown;
    try {
      filterFromQuery({ level: 'loud', where: 'nothing', q: 'a(', regex: '1' });
    } catch (error) {
      response = (error as { getResponse(): unknown }).getResponse();
    }
    expect(response).toMatchObject({
      errors: [
        { field: 'level', reason: expect.any(String) },
        { field: 'where[0]', reason: expect.any(String) },
      ],
    });
  });
});
