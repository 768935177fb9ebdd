import { ipv4Detector } from './ipv4';

function found(text: string): string[] {
  const spans: string[] = [];
  ipv4Detector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

describe('ipv4Detector', () => {
  it.each([
    ['a client address', '203.0.113.42 - - [01/May/2024] "GET /"', '203.0.113.42'],
    ['an address with a port', 'upstream=10.0.0.7:8443', '10.0.0.7'],
    ['an address in a URL', 'http://192.168.1.20/health', '192.168.1.20'],
    ['an ssh target', 'ssh root@10.1.2.3', '10.1.2.3'],
    ['a bare dotted quad', 'peer 1.2.3.4 closed', '1.2.3.4'],
    ['an address at the end of a sentence', 'blocked 198.51.100.7.', '198.51.100.7'],
    ['the second address of a range', 'range 10.0.0.1-10.0.0.9', '10.0.0.1'],
    ['an address as a URL host', 'GET http://10.2.1.5/health', '10.2.1.5'],
    ['an address after a version', 'agent v1.2.3 connected from 10.2.1.5', '10.2.1.5'],
    ['an address a VM migrated to', 'vm-14 migrated to 10.0.4.12', '10.0.4.12'],
    ['an address traffic failed over to', 'failover to 10.0.4.13 complete', '10.0.4.13'],
    ['an address after "in"', 'user logged in 10.0.4.14', '10.0.4.14'],
    ['an address after "to"', 'connecting to 10.0.4.15:5432', '10.0.4.15'],
  ])('masks %s', (_name, text, expected) => expect(found(text)[0]).toBe(expected));

  it.each([
    ['an out-of-range octet', 'bad ip 999.1.1.1'],
    ['a v-prefixed version', 'agent v1.2.3.4 started'],
    ['a version key', 'version=1.2.3.4'],
    ['a quoted version key', '"version": "10.0.0.1"'],
    ['a build number', 'build 4.18.0.513'],
    ['a user-agent product token', 'Chrome/124.0.0.0 Safari/537.36'],
    ['a five-part version', 'firmware 1.2.3.4.5'],
    ['an assembly version', '[assembly: AssemblyVersion("2.10.0.0")]'],
    ['a version path segment', 'GET /v2/1.4.0.12/manifest.json 200'],
    ['a versioned package name', 'releases/agent-10.2.1.5-linux-amd64.tar.gz'],
    ['a dotted package name and its version', 'Installing System.Text.Json 8.0.3.0 ...'],
    ['an SDK version', 'app 8.12.0 (4412) sdk 24.3.1.0'],
    ['a second version in a list', 'bootloader 2.4.0.17 and 2.4.0.18'],
    ['a version a bug was introduced in', 'regression introduced in 5.10.0.3'],
    ['a version a bug was fixed in', 'Fixed in 8.0.4.1 (KB5034441)'],
    ['a version to upgrade to', 'please upgrade to 2.14.0.7 or later'],
    ['a version to downgrade to', 'downgraded to 3.1.0.2 after the crash'],
    ['a pre-release suffix', 'image 1.2.3.4-rc1'],
    ['a three-part version', 'pkg 1.2.3'],
    ['a Windows build', '10.0.19045.3803'],
    ['the unspecified address', 'bound 0.0.0.0:8080'],
    ['loopback', 'proxy to 127.0.0.1:3000'],
    ['broadcast', 'dst 255.255.255.255'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));

  it('masks both ends of an address range', () => {
    expect(found('range 10.0.0.1-10.0.0.9')).toEqual(['10.0.0.1', '10.0.0.9']);
  });
});
