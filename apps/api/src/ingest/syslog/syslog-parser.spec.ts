import { parseSyslog } from './syslog-parser';

const NOW = new Date(2026, 11, 2, 12, 0, 0);

describe('parseSyslog', () => {
  it('reads RFC 5424 with structured data and a BOM', () => {
    expect(
      parseSyslog(
        '<165>1 2026-12-01T22:14:15.003Z mymachine.example.com evntslog 1234 ID47 ' +
          '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][meta esc="a\\"b\\]c\\\\d"] \ufeffAn application event',
      ),
    ).toEqual({
      facility: 20,
      severity: 5,
      timestamp: Date.parse('2026-12-01T22:14:15.003Z'),
      hostname: 'mymachine.example.com',
      appName: 'evntslog',
      procId: '1234',
      msgId: 'ID47',
      structuredData: {
        'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
        meta: { esc: 'a"b]c\\d' },
      },
      message: 'An application event',
    });
  });

  it.each([
    ['<13>1 - - - - - -', { appName: undefined, message: '', timestamp: undefined }],
    ['<13>1 - host app - - - hello\n', { hostname: 'host', appName: 'app', message: 'hello' }],
    ['<13>1 - - app - - [a x="1" x="2"] twice', { structuredData: { a: { x: ['1', '2'] } } }],
    [
      '<0>1 2026-12-01T10:00:00+02:00 h a p m - x',
      { severity: 0, facility: 0, timestamp: Date.parse('2026-12-01T08:00:00Z') },
    ],
  ])('reads the RFC 5424 message %p', (text, expected) => {
    expect(parseSyslog(text, NOW)).toMatchObject(expected);
  });

  it.each([
    [
      "<34>Oct 11 22:14:15 mymachine su: 'su root' failed",
      {
        hostname: 'mymachine',
        appName: 'su',
        message: "'su root' failed",
        timestamp: new Date(2026, 9, 11, 22, 14, 15).getTime(),
      },
    ],
    [
      '<13>Dec  2 06:08:58 vm legacy[123]: disk full',
      { hostname: 'vm', appName: 'legacy', procId: '123', message: 'disk full' },
    ],
    [
      '<13>Dec  2 06:08:58 legacy: no host',
      { hostname: undefined, appName: 'legacy', message: 'no host' },
    ],
    [
      '<13>2026-12-01T08:00:00.000Z web nginx: forwarded',
      { hostname: 'web', appName: 'nginx', timestamp: Date.parse('2026-12-01T08:00:00Z') },
    ],
    ['<13>just a message', { appName: undefined, message: 'just a message', timestamp: undefined }],
  ])('reads the RFC 3164 message %p', (text, expected) => {
    expect(parseSyslog(text, NOW)).toMatchObject(expected);
  });

  it('reads a year-less time after now as last year (sent on 31 December, read on 1 January)', () => {
    const newYear = new Date(2027, 0, 1, 0, 0, 5);
    expect(parseSyslog('<13>Dec 31 23:59:59 host app: late', newYear)?.timestamp).toBe(
      new Date(2026, 11, 31, 23, 59, 59).getTime(),
    );
  });

  it.each([
    'no priority at all',
    '<192>1 - - - - - - too high',
    '<013>1 - - - - - - leading zero',
    '<13>1 not-a-time host app - - - x',
    '<13>1 - host app - - [unterminated x="1" rest',
    '<13>1 - host app - - [bad name="x"]trailing',
    '<13>1 - host',
  ])('refuses %p', (text) => {
    expect(parseSyslog(text, NOW)).toBeUndefined();
  });

  it('keeps structured data ids and names plain keys', () => {
    const message = parseSyslog('<13>1 - - - - - [__proto__ __proto__="x"] m', NOW);
    expect(Object.keys(message?.structuredData ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
