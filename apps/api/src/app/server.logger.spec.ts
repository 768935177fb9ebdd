import { ServerLogger, wantsColour } from './server.logger';

const ESCAPE = '\u001b[';

describe('ServerLogger', () => {
  let stdout: string[];
  let stderr: string[];

  beforeEach(() => {
    stdout = [];
    stderr = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('writes plain text without escape codes when colour is off', () => {
    new ServerLogger('text', false).log('listening', 'Redtail');
    new ServerLogger('text', false).warn('careful', 'Auth');
    expect(stdout.join('')).toMatch(/LOG \[Redtail\] listening/);
    expect(stdout.join('')).toMatch(/WARN \[Auth\] careful/);
    expect(stdout.join('')).not.toContain(ESCAPE);
  });

  it('colours text when asked to', () => {
    new ServerLogger('text', true).log('listening', 'Redtail');
    expect(stdout.join('')).toContain(ESCAPE);
  });

  it('stamps text lines with an ISO-8601 time', () => {
    new ServerLogger('text', false).log('listening', 'Redtail');
    expect(stdout[0]).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
  });

  it('writes one JSON object per line, with the level names Redtail itself uses', () => {
    const logger = new ServerLogger('json', true);
    logger.log('listening on http://127.0.0.1:3000', 'Redtail');
    logger.warn('two lines\nof text', 'Auth');
    logger.verbose('detail', 'Pipeline');
    const lines = stdout.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    const [info, warn, trace] = lines.map((line) => JSON.parse(line));
    expect(info).toEqual({
      timestamp: expect.stringMatching(/Z$/),
      level: 'info',
      context: 'Redtail',
      message: 'listening on http://127.0.0.1:3000',
      pid: process.pid,
    });
    expect(warn).toMatchObject({ level: 'warn', message: 'two lines\nof text' });
    expect(trace).toMatchObject({ level: 'trace' });
    expect(stdout.join('')).not.toContain(ESCAPE);
  });

  it('sends errors to stderr as JSON with their stack', () => {
    new ServerLogger('json', false).error('boom', 'Error: boom\n    at x', 'Errors');
    expect(JSON.parse(stderr.join(''))).toMatchObject({
      level: 'error',
      context: 'Errors',
      message: 'boom',
      stack: 'Error: boom\n    at x',
    });
  });

  it('drops the per-route wiring lines and the premature "successfully started"', () => {
    const logger = new ServerLogger('text', false);
    logger.log('Mapped {/logs, POST} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(stdout).toEqual([]);
  });

  it('leaves a failed start to main.ts, which explains it once', () => {
    const logger = new ServerLogger('text', false);
    logger.error(new Error('listen EADDRINUSE'), undefined, 'ExceptionHandler');
    logger.error('Error: listen EADDRINUSE', undefined, 'NestApplication');
    expect(stderr).toEqual([]);
  });
});

describe('wantsColour', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it.each([
    ['colours when both streams are terminals', true, {}, [tty, tty]],
    ['stays plain when stdout is a pipe', false, {}, [pipe, tty]],
    ['stays plain when stderr is a file', false, {}, [tty, {}]],
    ['stays plain when NO_COLOR is set', false, { NO_COLOR: '1' }, [tty, tty]],
    ['ignores an empty NO_COLOR', true, { NO_COLOR: '' }, [tty, tty]],
    ['stays plain on a dumb terminal', false, { TERM: 'dumb' }, [tty, tty]],
  ])('%s', (_label, expected, env, streams) => {
    expect(wantsColour(env, streams)).toBe(expected);
  });
});
