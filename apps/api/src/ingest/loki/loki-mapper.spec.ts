import { lokiToLogInput } from './loki-mapper';

const entry = (
  labels: Record<string, string>,
  line: string,
  metadata?: Record<string, string>,
) => ({
  labels,
  time: '1764000000123000000',
  line,
  metadata,
});

describe('lokiToLogInput', () => {
  it.each([
    [{ service_name: 'a', service: 'b', job: 'c', app: 'd' }, 'a'],
    [{ service: 'b', job: 'c', app: 'd' }, 'b'],
    [{ job: 'c', app: 'd' }, 'c'],
    [{ app: 'd' }, 'd'],
    [{ host: 'x' }, undefined],
  ])('takes the service from %p', (labels, service) => {
    expect(lokiToLogInput(entry(labels, 'x')).service).toBe(service);
  });

  it.each([
    [{ level: 'warning' }, 'plain', 'warn'],
    [{ detected_level: 'critical' }, 'plain', 'fatal'],
    [{}, '{"level":50,"msg":"pino"}', 'error'],
    [{}, '{"level":"verbose","message":"winston"}', 'debug'],
    [{}, 'ts=1 level=warn msg="logfmt"', 'warn'],
    [{}, 'no level here', 'info'],
    [
      { level: 'nonsense' },
      '{"level":"error","msg":"line wins over a label that is no level"}',
      'error',
    ],
  ])('finds the level in labels %p or the line %p', (labels, line, level) => {
    expect(lokiToLogInput(entry(labels, line)).level).toBe(level);
  });

  it('gives a JSON line its message and its other fields as context, with labels and metadata', () => {
    expect(
      lokiToLogInput(
        entry(
          { job: 'api', level: 'info', region: 'eu' },
          '{"msg":"hi","level":30,"time":1,"user":"u1"}\n',
          { trace_id: 't' },
        ),
      ),
    ).toEqual({
      level: 'info',
      message: 'hi',
      service: 'api',
      timestamp: 1764000000123,
      context: { region: 'eu', trace_id: 't', user: 'u1' },
    });
  });

  it('keeps a plain line whole, without its line end', () => {
    expect(lokiToLogInput(entry({}, 'GET /health 200\r\n'))).toEqual({
      level: 'info',
      message: 'GET /health 200',
      timestamp: 1764000000123,
    });
  });

  it('keeps a JSON line without a message field whole', () => {
    expect(lokiToLogInput(entry({}, '{"event":"x"}')).message).toBe('{"event":"x"}');
  });
});
