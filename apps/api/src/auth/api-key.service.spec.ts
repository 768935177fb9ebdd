import { Logger } from '@nestjs/common';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnv } from '../app/env';
import { ApiKeyService } from './api-key.service';
import { digestOf } from './key-config';

// The module object itself, not an interop copy, so the spy sees the service's calls.
const nodeCrypto: typeof import('node:crypto') = jest.requireActual('node:crypto');

const ADMIN = 'admin-secret-0000000000';
const VIEWER = 'viewer-secret-000000000';
const INGEST = 'ingest-secret-000000000';

function service(env: Record<string, string>): ApiKeyService {
  return new ApiKeyService(validateEnv(env));
}

describe('ApiKeyService', () => {
  const configured = {
    REDTAIL_ADMIN_KEYS: `ops:${ADMIN}`,
    REDTAIL_VIEWER_KEYS: `alice:${VIEWER}`,
    REDTAIL_INGEST_KEYS: `checkout:${INGEST}@checkout`,
  };

  afterEach(() => jest.restoreAllMocks());

  it('maps each secret to its key name, role and bound service', () => {
    const keys = service(configured);
    expect(keys.authenticate(ADMIN)).toEqual({
      identity: { name: 'ops', role: 'admin', authDisabled: false },
    });
    expect(keys.authenticate(VIEWER)).toMatchObject({
      identity: { name: 'alice', role: 'viewer' },
    });
    expect(keys.authenticate(INGEST)).toMatchObject({
      identity: { name: 'checkout', role: 'ingest', service: 'checkout' },
    });
  });

  it('tells a missing key from an unknown one', () => {
    const keys = service(configured);
    expect(keys.authenticate(undefined)).toEqual({ failure: 'missing' });
    expect(keys.authenticate('')).toEqual({ failure: 'missing' });
    expect(keys.authenticate(`${ADMIN}x`)).toEqual({ failure: 'unknown' });
    expect(keys.authenticate('x'.repeat(10_000))).toEqual({ failure: 'unknown' });
  });

  it('compares equal-length digests with timingSafeEqual against every key, even after a match', () => {
    const keys = service(configured);
    const compare = jest.spyOn(nodeCrypto, 'timingSafeEqual');

    for (const secret of [ADMIN, VIEWER, INGEST, 'not-a-configured-secret']) {
      compare.mockClear();
      keys.authenticate(secret);
      expect(compare).toHaveBeenCalledTimes(3);
      for (const [a, b] of compare.mock.calls) {
        expect((a as Buffer).length).toBe(32);
        expect((b as Buffer).length).toBe(32);
      }
    }
  });

  it('generates an admin and an ingest key when none are configured and discloses them once', () => {
    const keys = service({});
    const generated = keys.takeGeneratedKeys();
    expect(generated.map((key) => key.role).sort()).toEqual(['admin', 'ingest']);
    for (const key of generated) {
      expect(key.secret).toMatch(/^rt_[A-Za-z0-9_-]{32}$/);
      expect(keys.authenticate(key.secret)).toMatchObject({ identity: { role: key.role } });
    }
    expect(keys.takeGeneratedKeys()).toEqual([]);
  });

  it('generates nothing when keys are configured', () => {
    expect(service(configured).takeGeneratedKeys()).toEqual([]);
  });

  it('accepts a temporary key with its role until it is revoked', () => {
    const keys = service(configured);
    const temporary = keys.issueTemporaryKey('start-up warm-up', 'viewer');

    expect(keys.authenticate(temporary.secret)).toEqual({
      identity: { name: 'start-up warm-up', role: 'viewer', authDisabled: false },
    });
    temporary.revoke();
    expect(keys.authenticate(temporary.secret)).toEqual({ failure: 'unknown' });
    expect(keys.authenticate(VIEWER)).toMatchObject({ identity: { name: 'alice' } });
  });

  it('makes a different secret for every temporary key', () => {
    const keys = service(configured);
    const first = keys.issueTemporaryKey('a', 'ingest');
    const second = keys.issueTemporaryKey('b', 'ingest');

    expect(first.secret).not.toBe(second.secret);
    first.revoke();
    expect(keys.authenticate(second.secret)).toMatchObject({ identity: { name: 'b' } });
  });

  it('makes no temporary key with REDTAIL_AUTH=off', () => {
    const keys = service({ REDTAIL_AUTH: 'off' });
    expect(keys.issueTemporaryKey('start-up warm-up', 'ingest').secret).toBe('');
  });

  it('treats everyone as an anonymous admin with REDTAIL_AUTH=off', () => {
    const keys = service({ ...configured, REDTAIL_AUTH: 'off' });
    const expected = { identity: { name: 'anonymous', role: 'admin', authDisabled: true } };
    expect(keys.authenticate(undefined)).toEqual(expected);
    expect(keys.authenticate('anything at all')).toEqual(expected);
    expect(keys.takeGeneratedKeys()).toEqual([]);
  });

  describe('with REDTAIL_KEYS_FILE', () => {
    let dir: string;
    let path: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'redtail-keys-'));
      path = join(dir, 'state', 'keys.json');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('creates the missing file with the digests of the generated keys, owner-only', () => {
      const keys = service({ REDTAIL_KEYS_FILE: path });
      const generated = keys.takeGeneratedKeys();
      expect(keys.origin).toEqual({ kind: 'generated', savedTo: path });

      const text = readFileSync(path, 'utf8');
      for (const key of generated) expect(text).not.toContain(key.secret);
      expect(JSON.parse(text).keys).toEqual(
        generated.map((key) => ({
          name: key.name,
          role: key.role,
          sha256: digestOf(key.secret).toString('hex'),
          createdAt: expect.any(String),
        })),
      );
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
    });

    it('accepts the same keys after a restart and prints no new secret', () => {
      const first = service({ REDTAIL_KEYS_FILE: path });
      const generated = first.takeGeneratedKeys();

      const restarted = service({ REDTAIL_KEYS_FILE: path });
      expect(restarted.takeGeneratedKeys()).toEqual([]);
      expect(restarted.origin).toEqual({
        kind: 'configured',
        keys: [
          { name: 'admin', role: 'admin', source: path },
          { name: 'ingest', role: 'ingest', source: path },
        ],
      });
      for (const key of generated) {
        expect(restarted.authenticate(key.secret)).toMatchObject({ identity: { role: key.role } });
      }
    });

    it('leaves a missing file alone when the environment configures keys', () => {
      const keys = service({ ...configured, REDTAIL_KEYS_FILE: path });
      expect(keys.takeGeneratedKeys()).toEqual([]);
      expect(() => statSync(path)).toThrow();
      expect(keys.authenticate(ADMIN)).toMatchObject({ identity: { name: 'ops' } });
    });

    it('fills a file whose keys were all removed', () => {
      const emptied = join(dir, 'keys.json');
      writeFileSync(emptied, JSON.stringify({ keys: [] }), { mode: 0o600 });
      const keys = service({ REDTAIL_KEYS_FILE: emptied });
      expect(keys.takeGeneratedKeys()).toHaveLength(2);
      expect(JSON.parse(readFileSync(emptied, 'utf8')).keys).toHaveLength(2);
    });

    it('warns when other users can read the file', () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      service({ REDTAIL_KEYS_FILE: path });
      expect(warn).not.toHaveBeenCalled();
      chmodSync(path, 0o644);
      service({ REDTAIL_KEYS_FILE: path });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('chmod 600'));
    });
  });
});
