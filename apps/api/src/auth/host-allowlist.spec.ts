import type { Env } from '../app/env';
import type { AuditRecord, AuditService } from './audit.service';
import { HostAllowlist } from './host-allowlist';

function allowlist(env: Partial<Env>) {
  const audited: AuditRecord[] = [];
  const audit = {
    record: (record: AuditRecord) => audited.push(record),
  } as unknown as AuditService;
  const hosts = new HostAllowlist({ HOST: '127.0.0.1', REDTAIL_AUTH: 'on', ...env } as Env, audit);
  return { hosts, audited };
}

describe('HostAllowlist', () => {
  it.each([
    ['auth off', { REDTAIL_AUTH: 'off' as const }, 'attacker.example', false],
    ['auth off', { REDTAIL_AUTH: 'off' as const }, 'localhost:3000', true],
    ['auth off', { REDTAIL_AUTH: 'off' as const }, undefined, false],
    ['auth off, HOST set', { REDTAIL_AUTH: 'off' as const, HOST: 'box.lan' }, 'box.lan:3000', true],
    [
      'auth off, HOST an IPv6 address',
      { REDTAIL_AUTH: 'off' as const, HOST: 'fd00::7' },
      '[fd00::7]:3000',
      true,
    ],
    [
      'auth off, listed',
      { REDTAIL_AUTH: 'off' as const, REDTAIL_ALLOWED_HOSTS: 'logs.lan' },
      'logs.lan',
      true,
    ],
    [
      'auth off, wildcard',
      { REDTAIL_AUTH: 'off' as const, REDTAIL_ALLOWED_HOSTS: '*.lan' },
      'a.b.lan',
      true,
    ],
    [
      'auth off, wildcard',
      { REDTAIL_AUTH: 'off' as const, REDTAIL_ALLOWED_HOSTS: '*.lan' },
      'lan',
      false,
    ],
    [
      'auth off, wildcard',
      { REDTAIL_AUTH: 'off' as const, REDTAIL_ALLOWED_HOSTS: '*.lan' },
      'evillan',
      false,
    ],
    [
      'auth off, any',
      { REDTAIL_AUTH: 'off' as const, REDTAIL_ALLOWED_HOSTS: '*' },
      'attacker.example',
      true,
    ],
    ['auth on', {}, 'attacker.example', true],
    ['auth on', {}, undefined, true],
    ['auth on, listed', { REDTAIL_ALLOWED_HOSTS: 'logs.example.com' }, 'attacker.example', false],
    ['auth on, listed', { REDTAIL_ALLOWED_HOSTS: 'logs.example.com' }, 'logs.example.com', true],
    ['auth on, listed', { REDTAIL_ALLOWED_HOSTS: 'logs.example.com' }, 'localhost', true],
  ])('with %s, Host %p is allowed: %s', (_case, env, host, expected) => {
    expect(allowlist(env).hosts.allows(host)).toBe(expected);
  });

  it('audits a refused handshake without the Host it named', () => {
    const { hosts, audited } = allowlist({ REDTAIL_AUTH: 'off' });
    expect(hosts.refusalFor('attacker.example', '10.0.0.1')).toMatch(/REDTAIL_ALLOWED_HOSTS/);
    expect(hosts.refusalFor('localhost', '10.0.0.1')).toBeUndefined();
    expect(audited).toEqual([
      { type: 'forbidden', address: '10.0.0.1', detail: 'socket handshake for a foreign Host' },
    ]);
  });
});
