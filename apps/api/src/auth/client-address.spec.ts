import type { Env } from '../app/env';
import { ClientAddress } from './client-address';
import { parseProxyTrust } from './proxy-trust';

const behind = (setting: string | undefined) =>
  new ClientAddress({ REDTAIL_TRUST_PROXY: setting } as Env);

describe('ClientAddress', () => {
  it.each([
    ['no trusted proxy', undefined, '127.0.0.1', '203.0.113.9', '127.0.0.1'],
    ['a trusted loopback proxy', 'loopback', '127.0.0.1', '203.0.113.9', '203.0.113.9'],
    ['an untrusted peer', 'loopback', '198.51.100.1', '203.0.113.9', '198.51.100.1'],
    ['a trusted subnet', '10.0.0.0/8', '10.1.2.3', '203.0.113.9', '203.0.113.9'],
    ['one hop', '1', '198.51.100.1', '203.0.113.9', '203.0.113.9'],
    [
      'spoofed entries before the trusted hop',
      '1',
      '10.0.0.1',
      '6.6.6.6, 203.0.113.9',
      '203.0.113.9',
    ],
    [
      'two trusted proxies',
      'loopback, 10.0.0.0/8',
      '127.0.0.1',
      '203.0.113.9, 10.0.0.5',
      '203.0.113.9',
    ],
  ])('with %s, takes the client behind them', (_case, setting, peer, forwarded, expected) => {
    expect(behind(setting).of(peer, { 'x-forwarded-for': forwarded })).toBe(expected);
  });

  it('uses the peer when there is no X-Forwarded-For', () => {
    expect(behind('loopback').of('127.0.0.1', {})).toBe('127.0.0.1');
  });
});

describe('parseProxyTrust', () => {
  it.each([
    '1',
    '3',
    'loopback',
    'loopback, uniquelocal',
    '10.0.0.0/8,192.168.0.1',
    '::1',
    'fd00::/8',
  ])('accepts %p', (setting) => {
    expect(parseProxyTrust(setting)).toBeInstanceOf(Function);
  });

  it.each(['true', '0', '', 'loopback,', '10.0.0.300', '10.0.0.0/33', 'proxy.example'])(
    'refuses %p',
    (setting) => {
      expect(parseProxyTrust(setting)).toBeUndefined();
    },
  );
});
