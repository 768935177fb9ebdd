import { levelOf, lineEntry } from './line-entry';

const defaults = { level: 'info' as const, service: 'web' };
const parsed = (line: string) => JSON.parse(lineEntry(line, defaults) ?? 'null');

describe('lineEntry', () => {
  it('sends a JSON entry as it is, filling in only a missing level or service', () => {
    expect(parsed('{"level":"error","message":"boom","service":"api","context":{"a":1}}')).toEqual({
      level: 'error',
      message: 'boom',
      service: 'api',
      context: { a: 1 },
    });
    expect(parsed('{"message":"no level"}')).toEqual({
      message: 'no level',
      level: 'info',
      service: 'web',
    });
  });

  it('leaves a pino line for the server to read, its name standing for the service', () => {
    const line = '{"level":30,"time":1764237600000,"pid":1,"name":"worker","msg":"job done"}';
    expect(parsed(line)).toEqual(JSON.parse(line));
  });

  it('turns a plain line into a message, level read from its first words', () => {
    expect(parsed('2026-11-27 12:00:01 ERROR payment failed')).toEqual({
      level: 'error',
      message: '2026-11-27 12:00:01 ERROR payment failed',
      service: 'web',
    });
    expect(parsed('plain words')).toMatchObject({ level: 'info', message: 'plain words' });
  });

  it('sends a JSON line without a message, or any other JSON value, whole as the text', () => {
    expect(parsed('{"status":200}')).toMatchObject({ message: '{"status":200}' });
    expect(parsed('[1,2]')).toMatchObject({ message: '[1,2]' });
    expect(parsed('{broken')).toMatchObject({ message: '{broken' });
  });

  it('skips blank lines and drops a trailing carriage return', () => {
    expect(lineEntry('   ', defaults)).toBeNull();
    expect(parsed('WARN disk low\r')).toMatchObject({ level: 'warn', message: 'WARN disk low' });
  });

  it('adds no service when none is given', () => {
    expect(JSON.parse(lineEntry('x', { level: 'debug' }) ?? '')).toEqual({
      level: 'debug',
      message: 'x',
    });
  });
});

describe('levelOf', () => {
  it.each([
    ['ERROR something broke', 'error'],
    ['[warn] disk almost full', 'warn'],
    ['12:00:01 INFO: started', 'info'],
    ['2026-11-27T12:00:01Z <debug> cache miss', 'debug'],
    ['2026-11-27 12:00:01 WARNING: slow', 'warn'],
    ['panic: runtime error: index out of range', 'fatal'],
    ['Crit something', 'fatal'],
  ])('reads %p as %s', (line, level) => {
    expect(levelOf(line)).toBe(level);
  });

  it.each(['no error was found', 'GET /api/orders 200 info', 'errors: 0', 'informational'])(
    'finds no level in %p',
    (line) => {
      expect(levelOf(line)).toBeUndefined();
    },
  );

  it('reads only the start of a very long line, in linear time', () => {
    const long = 'x '.repeat(500_000) + 'ERROR';
    expect(levelOf(long)).toBeUndefined();
    expect(levelOf(`ERROR ${'y'.repeat(1_000_000)}`)).toBe('error');
  });
});
