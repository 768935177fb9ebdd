import { validateEnv } from '../app/env';
import { ApiKeyService } from './api-key.service';

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

  it('treats everyone as an anonymous admin with REDTAIL_AUTH=off', () => {
    const keys = service({ ...configured, REDTAIL_AUTH: 'off' });
    const expected = { identity: { name: 'anonymous', role: 'admin', authDisabled: true } };
    expect(keys.authenticate(undefined)).toEqual(expected);
    expect(keys.authenticate('anything at all')).toEqual(expected);
    expect(keys.takeGeneratedKeys()).toEqual([]);
  });
});
