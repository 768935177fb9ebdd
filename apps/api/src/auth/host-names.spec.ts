import { hostnameOf, isLoopbackName, parseAllowedHosts } from './host-names';

describe('hostnameOf', () => {
  it.each([
    ['logs.example.com', 'logs.example.com'],
    ['LOGS.Example.COM:8080', 'logs.example.com'],
    ['localhost.', 'localhost'],
    ['localhost.:3000', 'localhost'],
    ['127.0.0.1:3000', '127.0.0.1'],
    ['[::1]', '[::1]'],
    ['[::1]:3000', '[::1]'],
    ['::1', '[::1]'],
    ['[FD00::1]:80', '[fd00::1]'],
    ['my_host', 'my_host'],
  ])('reads %p as %p', (host, expected) => {
    expect(hostnameOf(host)).toBe(expected);
  });

  it.each([
    '',
    'a b',
    'a..b',
    '.a',
    'a:b:c',
    '[not-v6]',
    '[::1]x',
    'a:99999999',
    'user@host',
    'a/b',
  ])('refuses %p', (host) => {
    expect(hostnameOf(host)).toBeUndefined();
  });
});

describe('isLoopbackName', () => {
  it.each([
    ['localhost', true],
    ['app.localhost', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['[::1]', true],
    ['localhost.example', false],
    ['127.0.0.1.nip.io', false],
    ['128.0.0.1', false],
    ['0.0.0.0', false],
  ])('%s: %s', (hostname, expected) => {
    expect(isLoopbackName(hostname)).toBe(expected);
  });
});

describe('parseAllowedHosts', () => {
  it('reads names, addresses and wildcards, lower-cased', () => {
    expect(parseAllowedHosts(' Logs.Example.com, *.Tools.internal ,10.0.0.5, fd00::1, ')).toEqual([
      'logs.example.com',
      '*.tools.internal',
      '10.0.0.5',
      '[fd00::1]',
    ]);
    expect(parseAllowedHosts('*')).toEqual(['*']);
  });

  it.each(['a b', '*.', '**.example.com', 'example.*', '*.[::1]', 'https://logs.example.com'])(
    'refuses %p',
    (setting) => {
      expect(parseAllowedHosts(setting)).toBeUndefined();
    },
  );
});
