import { documentToLogInput } from './document-mapper';
import { isValidIndexName, serviceOfIndex } from './index-name';

describe('documentToLogInput', () => {
  it.each([
    [
      'a pino line',
      { level: 40, time: 1764000000000, pid: 7, hostname: 'h', msg: 'slow', reqId: 'r' },
      {
        level: 'warn',
        message: 'slow',
        timestamp: 1764000000000,
        service: 'pino',
        context: { pid: 7, hostname: 'h', reqId: 'r' },
      },
    ],
    [
      'ECS, dotted',
      {
        '@timestamp': '2026-12-01T00:00:00Z',
        'log.level': 'error',
        message: 'boom',
        'service.name': 'api',
        'trace.id': 't1',
        'span.id': 's1',
        'http.method': 'GET',
      },
      {
        level: 'error',
        message: 'boom',
        timestamp: '2026-12-01T00:00:00Z',
        service: 'api',
        traceId: 't1',
        spanId: 's1',
        context: { 'http.method': 'GET' },
      },
    ],
    [
      'ECS, nested',
      {
        '@timestamp': '2026-12-01T00:00:00Z',
        log: { level: 'debug', logger: 'app' },
        message: 'm',
        service: { name: 'api', version: '1' },
      },
      {
        level: 'debug',
        message: 'm',
        timestamp: '2026-12-01T00:00:00Z',
        service: 'api',
        context: { log: { logger: 'app' }, service: { version: '1' } },
      },
    ],
    [
      'a Fluent Bit record',
      { log: 'GET / 200\n', stream: 'stdout', kubernetes: { pod_name: 'p' } },
      {
        level: 'info',
        message: 'GET / 200\n',
        service: 'pino',
        context: { stream: 'stdout', kubernetes: { pod_name: 'p' } },
      },
    ],
    [
      'a plain service name and a level that is not one',
      { service: 'billing', level: 'loud', message: 'x' },
      { level: 'info', message: 'x', service: 'billing', context: { level: 'loud' } },
    ],
  ])('maps %s', (_name, document, input) => {
    expect(documentToLogInput(document, 'pino')).toEqual(input);
  });
});

describe('index names', () => {
  it.each([
    ['pino-2026.12.02', 'pino'],
    ['logs-2026-12-02', 'logs'],
    ['app-2026.12-02', 'app-2026.12-02'],
    ['plain', 'plain'],
  ])('reads the service of %s as %s', (index, service) => {
    expect(serviceOfIndex(index)).toBe(service);
  });

  it.each([
    ['pino-2026.12.02', true],
    ['logs', true],
    ['Upper', false],
    ['with space', false],
    ['a/b', false],
    ['_hidden', false],
    ['..', false],
    ['x'.repeat(256), false],
  ])('%s is %s as an index name', (name, valid) => {
    expect(isValidIndexName(name)).toBe(valid);
  });
});
