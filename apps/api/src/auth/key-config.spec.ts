import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestOf, KeyConfigError, loadKeys } from './key-config';

const SECRET = 'a-secret-of-enough-length';

describe('loadKeys', () => {
  it('reads name:secret lists per role and keeps only digests', () => {
    const keys = loadKeys({
      REDTAIL_ADMIN_KEYS: `ops:${SECRET}-1`,
      REDTAIL_VIEWER_KEYS: ` alice:${SECRET}-2 , bob:${SECRET}-3 `,
    });
    expect(keys.map(({ name, role }) => `${name}/${role}`)).toEqual([
      'alice/viewer',
      'bob/viewer',
      'ops/admin',
    ]);
    expect(keys[0].digest.equals(digestOf(`${SECRET}-2`))).toBe(true);
    expect(JSON.stringify(keys)).not.toContain(SECRET);
  });

  it('binds an ingest key to the service after its last @', () => {
    const [key] = loadKeys({ REDTAIL_INGEST_KEYS: `checkout:p@ss-${SECRET}@checkout-api` });
    expect(key).toMatchObject({ name: 'checkout', role: 'ingest', service: 'checkout-api' });
    expect(key.digest.equals(digestOf(`p@ss-${SECRET}`))).toBe(true);
  });

  it('keeps @ as part of the secret for viewer and admin keys', () => {
    const [key] = loadKeys({ REDTAIL_VIEWER_KEYS: `alice:${SECRET}@x` });
    expect(key.service).toBeUndefined();
    expect(key.digest.equals(digestOf(`${SECRET}@x`))).toBe(true);
  });

  it.each([
    [
      'a missing colon',
      { REDTAIL_ADMIN_KEYS: 'nocolon' },
      /REDTAIL_ADMIN_KEYS entry 1: expected name:secret/,
    ],
    [
      'a short secret',
      { REDTAIL_VIEWER_KEYS: 'alice:short-one' },
      /entry 1: the secret must be 16-512/,
    ],
    ['a bad name', { REDTAIL_VIEWER_KEYS: `al ice:${SECRET}` }, /the name must be/],
    ['a bad service', { REDTAIL_INGEST_KEYS: `app:${SECRET}@bad service` }, /the service must be/],
    [
      'a reused name',
      { REDTAIL_ADMIN_KEYS: `ops:${SECRET}-1`, REDTAIL_VIEWER_KEYS: `ops:${SECRET}-2` },
      /"ops" is used more than once/,
    ],
    [
      'a reused secret',
      { REDTAIL_ADMIN_KEYS: `ops:${SECRET}`, REDTAIL_VIEWER_KEYS: `alice:${SECRET}` },
      /reuses another key's secret/,
    ],
  ])('refuses %s with a message that never quotes the secret', (_label, sources, message) => {
    expect(() => loadKeys(sources)).toThrow(KeyConfigError);
    expect(() => loadKeys(sources)).toThrow(message);
    try {
      loadKeys(sources);
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
      expect((error as Error).message).not.toContain('short-one');
    }
  });

  describe('REDTAIL_KEYS_FILE', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'redtail-keys-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function file(content: unknown): string {
      const path = join(dir, 'keys.json');
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    }

    it('accepts plain secrets and pre-hashed sha256 digests', () => {
      const hashed = digestOf(`${SECRET}-hashed`).toString('hex');
      const keys = loadKeys({
        REDTAIL_KEYS_FILE: file({
          keys: [
            { name: 'ops', role: 'admin', secret: SECRET },
            { name: 'billing', role: 'ingest', sha256: hashed, service: 'billing' },
          ],
        }),
      });
      expect(keys[0]).toMatchObject({ name: 'ops', role: 'admin' });
      expect(keys[1]).toMatchObject({ name: 'billing', service: 'billing' });
      expect(keys[1].digest.toString('hex')).toBe(hashed);
    });

    it.each([
      ['unreadable JSON', '{not json', /cannot be read/],
      ['a missing keys array', { nope: [] }, /expected an object with a "keys" array/],
      [
        'an unknown role',
        { keys: [{ name: 'x', role: 'root', secret: SECRET }] },
        /keys\[0\]\.role/,
      ],
      [
        'both secret and sha256',
        { keys: [{ name: 'x', role: 'admin', secret: SECRET, sha256: 'ab' }] },
        /exactly one of "secret" or "sha256"/,
      ],
      [
        'a malformed digest',
        { keys: [{ name: 'x', role: 'admin', sha256: 'xyz' }] },
        /sha256: must be 64/,
      ],
      [
        'a service on a viewer key',
        { keys: [{ name: 'x', role: 'viewer', secret: SECRET, service: 'a' }] },
        /only ingest keys can be bound/,
      ],
    ])('refuses %s', (_label, content, message) => {
      expect(() => loadKeys({ REDTAIL_KEYS_FILE: file(content) })).toThrow(message);
    });
  });
});
