import type { Role } from '@redtail/contracts';
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { digestOf } from './key-config';

/** One entry as `REDTAIL_KEYS_FILE` stores it; Redtail itself only ever writes the digest. */
export interface KeysFileEntry {
  name: string;
  role: Role;
  sha256?: string;
  /** Accepted when read, for hand-written files; never written by Redtail. */
  secret?: string;
  service?: string;
  createdAt?: string;
}

export interface KeysFileContent {
  keys: KeysFileEntry[];
}

/**
 * Where `npm start` and `npm run keys` keep keys when REDTAIL_KEYS_FILE is unset: inside the
 * workspace, git-ignored. The built server has no default, so a deployment chooses on purpose.
 */
export const WORKSPACE_KEYS_FILE = '.redtail/keys.json';

/** Owner read/write only: the digests are not credentials, but nobody else needs to read them. */
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/** What Redtail stores for a key it made: never the secret, only its SHA-256. */
export function hashedEntry(
  key: { name: string; role: Role; secret: string; service?: string },
  now: Date,
): KeysFileEntry {
  return {
    name: key.name,
    role: key.role,
    sha256: digestOf(key.secret).toString('hex'),
    ...(key.service === undefined ? {} : { service: key.service }),
    createdAt: now.toISOString(),
  };
}

/**
 * Replaces the file in one step (a temporary file beside it, then rename), so a crash or a
 * concurrent reader never sees half a file. The parent directory is created if needed.
 */
export function writeKeysFile(path: string, content: KeysFileContent): void {
  mkdirSync(dirname(path), { recursive: true, mode: DIRECTORY_MODE });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const descriptor = openSync(temporary, 'wx', FILE_MODE);
  try {
    writeSync(descriptor, `${JSON.stringify(content, null, 2)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
