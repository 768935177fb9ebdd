import { Injectable, Logger } from '@nestjs/common';
import type { Identity, Role } from '@redtail/contracts';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Env } from '../app/env';
import { digestOf, type KeySpec, loadKeys, MAX_SECRET_LENGTH } from './key-config';

/** Either who the key belongs to, or why there is nobody. */
export type Authentication = { identity: Identity } | { failure: 'missing' | 'unknown' };

/** A key made up at start-up because none was configured; its secret is shown once. */
export interface GeneratedKey {
  name: string;
  role: Role;
  secret: string;
}

const ANONYMOUS: Identity = Object.freeze({
  name: 'anonymous',
  role: 'admin',
  authDisabled: true,
});

/**
 * Knows the configured keys, as SHA-256 digests only, and turns a presented
 * secret into an identity. Every digest is compared with `timingSafeEqual`
 * and the loop never stops early, so the time taken reveals neither how much
 * of a secret was right nor which key matched.
 */
@Injectable()
export class ApiKeyService {
  readonly authDisabled: boolean;
  private readonly keys: readonly StoredKey[];
  private pendingDisclosure: GeneratedKey[] = [];
  private readonly logger = new Logger('Auth');

  constructor(env: Env) {
    this.authDisabled = env.REDTAIL_AUTH === 'off';
    if (this.authDisabled) {
      this.keys = [];
      this.logger.warn(
        'REDTAIL_AUTH=off: every route and the live stream are open to anyone who can reach ' +
          'this port, including panic. Use this only on a trusted machine.',
      );
      return;
    }
    const configured = loadKeys(env);
    if (configured.length === 0) {
      this.pendingDisclosure = [generateKey('admin', 'admin'), generateKey('ingest', 'ingest')];
    }
    const specs: KeySpec[] =
      configured.length > 0
        ? configured
        : this.pendingDisclosure.map(({ name, role, secret }) => ({
            name,
            role,
            digest: digestOf(secret),
          }));
    this.keys = specs.map((spec) => ({ digest: spec.digest, identity: toIdentity(spec) }));
  }

  /** The generated secrets, once: the second call gets nothing, so they cannot leak later. */
  takeGeneratedKeys(): GeneratedKey[] {
    const keys = this.pendingDisclosure;
    this.pendingDisclosure = [];
    return keys;
  }

  authenticate(secret: string | undefined): Authentication {
    if (this.authDisabled) return { identity: ANONYMOUS };
    if (!secret) return { failure: 'missing' };
    if (secret.length > MAX_SECRET_LENGTH) return { failure: 'unknown' };
    const digest = digestOf(secret);
    let match: StoredKey | undefined;
    for (const key of this.keys) {
      // Digests from a keys file are always 32 bytes too; the length guard only keeps
      // timingSafeEqual from throwing on a malformed entry.
      const equal = key.digest.length === digest.length && timingSafeEqual(key.digest, digest);
      if (equal && !match) match = key;
    }
    if (!match) return { failure: 'unknown' };
    return { identity: match.identity };
  }
}

interface StoredKey {
  digest: Buffer;
  /** Frozen and shared by every request made with the key. */
  identity: Identity;
}

function toIdentity(key: KeySpec): Identity {
  return Object.freeze({
    name: key.name,
    role: key.role,
    authDisabled: false,
    ...(key.service === undefined ? {} : { service: key.service }),
  });
}

function generateKey(name: string, role: Role): GeneratedKey {
  // 24 random bytes: 192 bits, printed as 32 URL-safe characters.
  return { name, role, secret: `rt_${randomBytes(24).toString('base64url')}` };
}
