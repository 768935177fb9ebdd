import { ipv6Detector, isIpv6 } from './ipv6';

function found(text: string): string[] {
  const spans: string[] = [];
  ipv6Detector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

describe('ipv6Detector', () => {
  it.each([
    [
      'a full address',
      'from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok',
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    ],
    ['a compressed address', 'client=2001:db8::1', '2001:db8::1'],
    [
      'link-local with a zone',
      'via fe80::1ff:fe23:4567:890a%eth0',
      'fe80::1ff:fe23:4567:890a%eth0',
    ],
    ['IPv4-mapped', 'peer ::ffff:192.0.2.128 closed', '::ffff:192.0.2.128'],
    ['a bracketed address with a port', 'listen [2001:db8::7]:8080', '2001:db8::7'],
    ['an address before a colon', 'addr fe80::1: refused', 'fe80::1'],
    [
      'a full address with an unbracketed port',
      'lb: 2001:db8:3333:4444:5555:6666:7777:8888:443 [x]',
      '2001:db8:3333:4444:5555:6666:7777:8888',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['a time', 'at 12:34:56'],
    ['a MAC address', 'mac 00:1a:2b:3c:4d:5e'],
    ['a C++ scope', 'std::vector<int> and Foo::bar()'],
    ['a bare separator', 'INFO :: started'],
    ['JSON', '{"a":1,"b":2}'],
    ['loopback', 'listen [::1]:8080'],
    ['loopback with a port, as netstat prints it', 'tcp6 0 0 ::1:6379 :::* LISTEN'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));

  it.each([
    ['1:2:3:4:5:6:7:8', true],
    ['::', false],
    ['1::2::3', false],
    ['12345::1', false],
    ['1:2:3:4:5:6:7', false],
    ['::ffff:10.0.0.1', true],
    ['::ffff:999.0.0.1', false],
  ])('validates %s as %s', (address, valid) => expect(isIpv6(address)).toBe(valid));
});
