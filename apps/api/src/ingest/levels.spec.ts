import { levelOfName, levelOfSeverityNumber, levelOfSyslogSeverity } from './levels';

describe('shipper levels', () => {
  it.each([
    ['warning', 'warn'],
    ['CRITICAL', 'fatal'],
    ['http', 'debug'],
    ['verbose', 'debug'],
    ['silly', 'trace'],
    [30, 'info'],
    ['50', 'error'],
    ['chatty', undefined],
    [undefined, undefined],
  ])('reads the level name %p as %p', (name, level) => {
    expect(levelOfName(name)).toBe(level);
  });

  it.each([
    [1, 'trace'],
    [4, 'trace'],
    [5, 'debug'],
    [9, 'info'],
    [13, 'warn'],
    [17, 'error'],
    [20, 'error'],
    [21, 'fatal'],
    [24, 'fatal'],
    [0, undefined],
    [25, undefined],
  ])('reads OpenTelemetry SeverityNumber %i as %p', (severity, level) => {
    expect(levelOfSeverityNumber(severity)).toBe(level);
  });

  it.each([
    [0, 'fatal'],
    [2, 'fatal'],
    [3, 'error'],
    [4, 'warn'],
    [5, 'info'],
    [6, 'info'],
    [7, 'debug'],
  ])('reads syslog severity %i as %p', (severity, level) => {
    expect(levelOfSyslogSeverity(severity)).toBe(level);
  });
});
