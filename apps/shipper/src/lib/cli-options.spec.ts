import { readCliOptions, UsageError } from './cli-options';

describe('readCliOptions', () => {
  it('needs only a URL, taking the key from REDTAIL_KEY and sensible defaults', () => {
    expect(readCliOptions(['--url', 'http://127.0.0.1:3000'], { REDTAIL_KEY: 'k' })).toMatchObject({
      url: 'http://127.0.0.1:3000',
      key: 'k',
      service: undefined,
      level: 'info',
      maxBatch: 100,
      flushMs: 10,
      maxQueued: 100_000,
      drainMs: 30_000,
      transport: 'stream',
    });
  });

  it('takes --transport batch and refuses any other transport', () => {
    const url = ['--url', 'http://127.0.0.1:3000'];
    expect(readCliOptions([...url, '--transport', 'batch'], {})).toMatchObject({
      transport: 'batch',
    });
    expect(() => readCliOptions([...url, '--transport', 'carrier-pigeon'], {})).toThrow(
      new UsageError('--transport must be stream or batch, got "carrier-pigeon"'),
    );
  });

  it('reads every option, REDTAIL_URL standing in for --url', () => {
    const options = readCliOptions(
      [
        '--service',
        'web',
        '--level',
        'WARNING',
        '--batch',
        '1000',
        '--flush-ms',
        '0',
        '--key',
        'x',
      ],
      { REDTAIL_URL: 'https://tools.example.com/redtail', REDTAIL_KEY: 'from-env' },
    );
    expect(options).toMatchObject({
      url: 'https://tools.example.com/redtail',
      key: 'x',
      service: 'web',
      level: 'warn',
      maxBatch: 1000,
      flushMs: 0,
    });
  });

  it('answers --help', () => {
    expect(readCliOptions(['--help'], {})).toBe('help');
  });

  it.each([
    [[], /--url is required/],
    [['--url', 'ftp://x'], /--url must be an http\(s\) address/],
    [['--url', 'http://h', '--level', 'loud'], /--level must be a log level/],
    [['--url', 'http://h', '--batch', '0'], /--batch must be a whole number from 1 to 5000/],
    [['--url', 'http://h', '--batch', '2.5'], /--batch must be a whole number/],
    [['--url', 'http://h', '--service', ''], /--service must be 1-128 characters/],
    [['--url', 'http://h', '--nope'], /Unknown option '--nope'/],
    [['--url', 'http://h', 'stray'], /positional/],
  ])('refuses %p with a message saying what is wrong', (argv, message) => {
    expect(() => readCliOptions(argv, {})).toThrow(UsageError);
    expect(() => readCliOptions(argv, {})).toThrow(message);
  });
});
