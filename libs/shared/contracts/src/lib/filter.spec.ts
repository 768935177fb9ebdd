import {
  compileLogFilter,
  filterToQuery,
  LogFilter,
  MatchableEntry,
  parseLogFilter,
  PatternCompiler,
} from './filter';

const caseInsensitive: PatternCompiler = (source) => {
  const pattern = new RegExp(source, 'i');
  return (text) => pattern.test(text);
};
const noPatterns: PatternCompiler = () => undefined;

function entry(overrides: Partial<MatchableEntry> = {}): MatchableEntry {
  return {
    level: 'info',
    service: 'api',
    time: Date.parse('2026-12-02T10:00:00Z'),
    message: 'GET /orders 200',
    ...overrides,
  };
}

function parsed(input: unknown): LogFilter {
  const result = parseLogFilter(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.filter;
}

describe('parseLogFilter', () => {
  it.each<[string, unknown, LogFilter]>([
    ['nothing', undefined, {}],
    ['an empty object', {}, {}],
    ['a level alias', { level: 'WARNING' }, { level: 'warn' }],
    ['levels as an array', { levels: ['error', 'warn'] }, { levels: ['error', 'warn'] }],
    ['levels as comma text', { levels: 'error, fatal' }, { levels: ['error', 'fatal'] }],
    ['levels repeated', { levels: ['error', 'fatal,error'] }, { levels: ['error', 'fatal'] }],
    ['services as comma text', { services: 'api,web' }, { services: ['api', 'web'] }],
    ['one service', { service: 'api' }, { services: ['api'] }],
    ['service and services', { service: 'a', services: ['b'] }, { services: ['b', 'a'] }],
    ['regex as 1', { regex: '1', q: 'a+' }, { regex: true, q: 'a+' }],
    ['regex false', { regex: false, q: 'x' }, { q: 'x' }],
    ['empty text', { q: '', exclude: '' }, {}],
    ['since as ISO', { since: '2026-12-02T00:00:00Z' }, { since: 1796169600000 }],
    ['until as digits', { until: '1796169600000' }, { until: 1796169600000 }],
    ['until as a number', { until: 5 }, { until: 5 }],
    ['one where', { where: 'status=500' }, { where: ['status=500'] }],
    ['where with = in the value', { where: ['q=a=b'] }, { where: ['q=a=b'] }],
    ['unknown keys', { limit: '5', fields: 'status' }, {}],
  ])('reads %s', (_name, input, expected) => {
    expect(parsed(input)).toEqual(expected);
  });

  it.each<[string, unknown, string]>([
    ['a non-object', 'level=warn', 'filter'],
    ['an array', [], 'filter'],
    ['an unknown level', { level: 'loud' }, 'level'],
    ['an unknown level in a list', { levels: ['warn', 'loud'] }, 'levels[1]'],
    ['levels that are not text', { levels: [3] }, 'levels'],
    ['services that are not text', { services: [1] }, 'services'],
    ['too many services', { services: Array.from({ length: 101 }, (_, i) => `s${i}`) }, 'services'],
    ['a long service name', { services: ['x'.repeat(129)] }, 'services'],
    ['a bad regex flag', { regex: 'yes' }, 'regex'],
    ['q too long', { q: 'x'.repeat(201) }, 'q'],
    ['exclude not text', { exclude: 3 }, 'exclude'],
    ['a bad time', { since: 'yesterday' }, 'since'],
    ['until before since', { since: 10, until: 5 }, 'until'],
    ['where without =', { where: 'status' }, 'where[0]'],
    ['where with an empty path', { where: ['=5'] }, 'where[0]'],
    ['where with an empty path part', { where: ['a..b=5'] }, 'where[0]'],
    ['too many where', { where: Array.from({ length: 9 }, (_, i) => `a=${i}`) }, 'where'],
    ['a repeated level', { level: ['info', 'error'] }, 'level'],
    ['a repeated q', { q: ['a', 'b'] }, 'q'],
    ['a repeated regex flag', { regex: ['1', '0'], q: 'a' }, 'regex'],
    ['a repeated since', { since: ['1', '2'] }, 'since'],
  ])('refuses %s, naming the parameter', (_name, input, field) => {
    const result = parseLogFilter(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field)).toContain(field);
  });

  it('names a repeated one-value parameter once, as given twice', () => {
    expect(parseLogFilter({ level: ['info', 'error'], until: ['1', '2'] })).toEqual({
      ok: false,
      problems: [
        { field: 'level', reason: 'must be given once' },
        { field: 'until', reason: 'must be given once' },
      ],
    });
  });

  it('never repeats the client text in a reason', () => {
    const secret = 'jane.doe@example.com';
    const result = parseLogFilter({
      level: secret,
      levels: [secret],
      regex: secret,
      since: secret,
      where: [secret],
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('round-trips through query parameters', () => {
    const filter: LogFilter = {
      level: 'warn',
      levels: ['error', 'fatal'],
      services: ['api', 'web'],
      q: 'timeout',
      exclude: 'health',
      since: 1796169600000,
      until: 1796173200000,
      where: ['status=500', 'user.id=42'],
    };
    expect(parsed(filterToQuery(filter))).toEqual(filter);
  });
});

describe('compileLogFilter', () => {
  it('accepts everything without parts', () => {
    const compiled = compileLogFilter({}, noPatterns);
    expect(compiled.acceptsAll).toBe(true);
    expect(compiled.needsContent).toBe(false);
    expect(compiled.matches(entry({ level: 'trace' }))).toBe(true);
  });

  it.each<[string, LogFilter, Partial<MatchableEntry>, boolean]>([
    ['below the minimum level', { level: 'warn' }, { level: 'info' }, false],
    ['at the minimum level', { level: 'warn' }, { level: 'warn' }, true],
    ['a level toggled off', { levels: ['error'] }, { level: 'warn' }, false],
    ['another service', { services: ['web'] }, {}, false],
    ['one of the services', { services: ['web', 'api'] }, {}, true],
    ['text in any case', { q: 'ORDERS' }, {}, true],
    ['text absent', { q: 'payments' }, {}, false],
    ['excluded text', { exclude: 'get' }, {}, false],
    ['a pattern', { q: '^get /\\w+ 2\\d\\d$', regex: true }, {}, true],
    ['an excluding pattern', { exclude: '\\b200\\b', regex: true }, {}, false],
    ['before since', { since: Date.parse('2026-12-02T11:00:00Z') }, {}, false],
    ['after until', { until: Date.parse('2026-12-02T09:00:00Z') }, {}, false],
    ['inside the window', { since: 0, until: Date.parse('2026-12-02T10:00:00Z') }, {}, true],
    ['a context field', { where: ['status=500'] }, { context: { status: 500 } }, true],
    ['a nested field', { where: ['user.id=u1'] }, { context: { user: { id: 'u1' } } }, true],
    ['another value', { where: ['status=500'] }, { context: { status: 200 } }, false],
    ['a missing field', { where: ['status=500'] }, {}, false],
    ['an object, not a scalar', { where: ['user=x'] }, { context: { user: { id: 1 } } }, false],
    ['a boolean field', { where: ['ok=true'] }, { context: { ok: true } }, true],
    ['the trace id', { where: ['traceId=abc'] }, { traceId: 'abc' }, true],
    ['a prototype path', { where: ['constructor=x'] }, { context: {} }, false],
  ])('%s', (_name, filter, overrides, expected) => {
    expect(compileLogFilter(filter, caseInsensitive).matches(entry(overrides))).toBe(expected);
  });

  it('leaves patterns to the other side when given no engine', () => {
    const compiled = compileLogFilter({ q: 'nothing like it', regex: true }, noPatterns);
    expect(compiled.matches(entry())).toBe(true);
  });

  it('gives equal filters equal keys', () => {
    const a = compileLogFilter(
      { services: ['b', 'a'], q: 'Timeout', levels: ['error', 'warn'] },
      noPatterns,
    );
    const b = compileLogFilter(
      { services: ['a', 'b', 'a'], q: 'timeout', levels: ['warn', 'error'], regex: false },
      noPatterns,
    );
    expect(a.key).toBe(b.key);
    expect(compileLogFilter({ q: 'Timeout', regex: true }, noPatterns).key).not.toBe(a.key);
  });

  it('decides level, service and time without the content', () => {
    const compiled = compileLogFilter({ level: 'warn', services: ['api'] }, noPatterns);
    expect(compiled.needsContent).toBe(false);
    expect(compiled.matchesMeta(3, 'api', 0)).toBe(true);
    expect(compiled.matchesMeta(2, 'api', 0)).toBe(false);
  });

  it('matches a LogEntry as readers receive it', () => {
    const compiled = compileLogFilter({ since: Date.parse('2026-12-02T09:00:00Z') }, noPatterns);
    expect(
      compiled.matchesEntry({
        id: '1-1',
        seq: 1,
        level: 'info',
        service: 'api',
        message: 'hi',
        timestamp: '2026-12-02T10:00:00.000Z',
        receivedAt: '2026-12-02T10:00:00.000Z',
        masked: {},
      }),
    ).toBe(true);
  });
});
