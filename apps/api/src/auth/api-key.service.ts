import { Injectable, Logger } from '@nestjs/common';
import type { Identity, Role } from '@redtail/contracts';
import { existsSync, statSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import { Env } from '../app/env';
import { digestOf, generateSecret, type KeySpec, loadKeys, MAX_SECRET_LENGTH } from './key-config';
import { hashedEntry, writeKeysFile } from './keys-file';

/** Either who the key belongs to, or why there is nobody. */
export type Authentication = { identity: Identity } | { failure: 'missing' | 'unknown' };

/** A key made up at start-up because none was configured; its secret is shown once. */
export interface GeneratedKey {
  name: string;
  role: Role;
  secret: string;
}

/** Where the keys of this run came from, for the start-up notice. */
export type KeyOrigin =
  | { kind: 'auth-off' }
  | { kind: 'generated'; savedTo: string | undefined }
  | { kind: 'configured'; keys: readonly { name: string; role: Role; source: string }[] };

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
 *
 * With no keys configured it makes an admin and an ingest key. When
 * REDTAIL_KEYS_FILE names a file, their digests are saved there, so the next
 * start accepts the same keys; the secrets themselves are only ever printed.
 */
@Injectable()
export class ApiKeyService {
  readonly authDisabled: boolean;
  readonly origin: KeyOrigin;
  private keys: readonly StoredKey[];
  private pendingDisclosure: GeneratedKey[] = [];
  private readonly logger = new Logger('Auth');

  constructor(env: Env) {
    this.authDisabled = env.REDTAIL_AUTH === 'off';
    if (this.authDisabled) {
      this.keys = [];
      this.origin = { kind: 'auth-off' };
      this.logger.warn(
        'REDTAIL_AUTH=off: every route and the live stream are open to anyone who can reach ' +
          'this port, including panic. Use this only on a trusted machine.',
      );
      return;
    }
    const file = env.REDTAIL_KEYS_FILE;
    const fileExists = file !== undefined && existsSync(file);
    const configured = loadKeys({ ...env, REDTAIL_KEYS_FILE: fileExists ? file : undefined });
    if (fileExists) this.warnIfOthersCanRead(file);
    if (configured.length > 0) {
      if (file !== undefined && !fileExists) {
        this.logger.log(
          `REDTAIL_KEYS_FILE ${file} does not exist; using the keys from the environment`,
        );
      }
      this.keys = configured.map(toStoredKey);
      this.origin = {
        kind: 'configured',
        keys: configured.map(({ name, role, source }) => ({ name, role, source: source ?? '' })),
      };
      return;
    }
    this.pendingDisclosure = [generateKey('admin', 'admin'), generateKey('ingest', 'ingest')];
    if (file !== undefined) {
      const now = new Date();
      writeKeysFile(file, { keys: this.pendingDisclosure.map((key) => hashedEntry(key, now)) });
    }
    this.origin = { kind: 'generated', savedTo: file };
    this.keys = this.pendingDisclosure.map(({ name, role, secret }) =>
      toStoredKey({ name, role, digest: digestOf(secret) }),
    );
  }

  /** The generated secrets, once: the second call gets nothing, so they cannot leak later. */
  takeGeneratedKeys(): GeneratedKey[] {
    const keys = this.pendingDisclosure;
    this.pendingDisclosure = [];
    return keys;
  }

  /**
   * A key that works only until `revoke()`: the start-up warm-up (app/serving-warmup.ts) sends
   * its made-up traffic with one, through the same guards as any client, before the server
   * listens. Its secret is random, never saved and never printed. With auth off it is not needed
   * (every caller is let in) and none is made.
   */
  issueTemporaryKey(name: string, role: Role): { secret: string; revoke: () => void } {
    if (this.authDisabled) return { secret: '', revoke: () => undefined };
    const secret = generateSecret();
    const key = toStoredKey({ name, role, digest: digestOf(secret) });
    this.keys = [...this.keys, key];
    return { secret, revoke: () => (this.keys = this.keys.filter((kept) => kept !== key)) };
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

  /**
   * A hand-written file may hold plain secrets, and even digests of short, human-chosen
   * secrets can be guessed offline: nobody but the server's user needs to read it.
   */
  private warnIfOthersCanRead(file: string): void {
    if ((statSync(file).mode & 0o077) !== 0) {
      this.logger.warn(`REDTAIL_KEYS_FILE ${file} can be read by other users: chmod 600 it`);
    }
  }
}

interface StoredKey {
  digest: Buffer;
  /** Frozen and shared by every request made with the key. */
  identity: Identity;
}

function toStoredKey(key: KeySpec): StoredKey {
  return {
    digest: key.digest,
    identity: Object.freeze({
      name: key.name,
      role: key.role,
      authDisabled: false,
      ...(key.service === undefined ? {} : { service: key.service }),
    }),
  };
}

function generateKey(name: string, role: Role): GeneratedKey {
  return { name, role, secret: generateSecret() };
}
