import { ROLES, type Role } from '@redtail/contracts';
import { hash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../app/configuration-error';

/** A configured key as the server keeps it: the secret is already reduced to its digest. */
export interface KeySpec {
  name: string;
  role: Role;
  /** SHA-256 of the secret. */
  digest: Buffer;
  service?: string;
  /** The variable or file it came from, for the start-up summary. */
  source?: string;
}

/** The settings this module reads; a subset of `Env`. */
export interface KeySources {
  REDTAIL_ADMIN_KEYS?: string;
  REDTAIL_VIEWER_KEYS?: string;
  REDTAIL_INGEST_KEYS?: string;
  REDTAIL_KEYS_FILE?: string;
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const SERVICE = /^[A-Za-z0-9._-]{1,100}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
/** 16 characters of anything a person would paste is still far beyond guessing at any rate limit. */
export const MIN_SECRET_LENGTH = 16;
/** Longer tokens are refused before hashing, so a huge header costs nothing. */
export const MAX_SECRET_LENGTH = 512;

const ENV_VARIABLES: Record<Role, keyof KeySources> = {
  admin: 'REDTAIL_ADMIN_KEYS',
  viewer: 'REDTAIL_VIEWER_KEYS',
  ingest: 'REDTAIL_INGEST_KEYS',
};

/** 24 random bytes: 192 bits, printed as 32 URL-safe characters after `rt_`. */
export function generateSecret(): string {
  return `rt_${randomBytes(24).toString('base64url')}`;
}

/** One-shot hashing: runs on every authenticated request, and skips the Hash object `createHash` builds. */
export function digestOf(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}

/**
 * Reads every configured key. Problems are collected and thrown together;
 * messages point at the variable and entry number, never at the secret.
 */
export function loadKeys(sources: KeySources): KeySpec[] {
  const problems: string[] = [];
  const keys: KeySpec[] = [];
  for (const role of ROLES) {
    const variable = ENV_VARIABLES[role];
    const raw = sources[variable];
    if (raw) keys.push(...parseKeyList(raw, role, variable, problems));
  }
  if (sources.REDTAIL_KEYS_FILE) {
    keys.push(...readKeysFile(sources.REDTAIL_KEYS_FILE, problems));
  }
  problems.push(...duplicates(keys));
  if (problems.length > 0) throw new KeyConfigError(problems);
  return keys;
}

/** `name:secret` entries; ingest entries may end in `@service`. */
export function parseKeyList(
  raw: string,
  role: Role,
  variable: string,
  problems: string[],
): KeySpec[] {
  const keys: KeySpec[] = [];
  raw
    .split(',')
    .map((entry) => entry.trim())
    .forEach((entry, index) => {
      if (!entry) return;
      const where = `${variable} entry ${index + 1}`;
      const colon = entry.indexOf(':');
      if (colon < 0) {
        problems.push(`${where}: expected name:secret`);
        return;
      }
      const name = entry.slice(0, colon);
      let secret = entry.slice(colon + 1);
      let service: string | undefined;
      const at = secret.lastIndexOf('@');
      if (role === 'ingest' && at >= 0) {
        service = secret.slice(at + 1);
        secret = secret.slice(0, at);
      }
      const key = checkKey({ name, role, secret, service }, where, problems);
      if (key) keys.push({ ...key, source: variable });
    });
  return keys;
}

interface FileEntry {
  name?: unknown;
  role?: unknown;
  secret?: unknown;
  sha256?: unknown;
  service?: unknown;
}

/** `{ "keys": [{ "name", "role", "secret" | "sha256", "service"? }] }` */
function readKeysFile(path: string, problems: string[]): KeySpec[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not valid JSON';
    problems.push(`REDTAIL_KEYS_FILE ${path}: cannot be read (${reason})`);
    return [];
  }
  const entries = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(entries)) {
    problems.push(`REDTAIL_KEYS_FILE ${path}: expected an object with a "keys" array`);
    return [];
  }
  const keys: KeySpec[] = [];
  entries.forEach((entry: FileEntry, index) => {
    const where = `REDTAIL_KEYS_FILE ${path} keys[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${where}: expected an object`);
      return;
    }
    if (!ROLES.includes(entry.role as Role)) {
      problems.push(`${where}.role: must be one of ${ROLES.join(', ')}`);
      return;
    }
    const role = entry.role as Role;
    if (entry.service !== undefined && typeof entry.service !== 'string') {
      problems.push(`${where}.service: must be a string`);
      return;
    }
    const service = typeof entry.service === 'string' ? entry.service : undefined;
    if ((entry.secret === undefined) === (entry.sha256 === undefined)) {
      problems.push(`${where}: needs exactly one of "secret" or "sha256"`);
      return;
    }
    if (entry.sha256 !== undefined) {
      if (typeof entry.sha256 !== 'string' || !SHA256_HEX.test(entry.sha256)) {
        problems.push(`${where}.sha256: must be 64 hexadecimal characters`);
        return;
      }
      const key = checkKey({ name: entry.name, role, secret: undefined, service }, where, problems);
      if (key) {
        keys.push({ ...key, digest: Buffer.from(entry.sha256 as string, 'hex'), source: path });
      }
      return;
    }
    if (typeof entry.secret !== 'string') {
      problems.push(`${where}.secret: must be a string`);
      return;
    }
    const key = checkKey(
      { name: entry.name, role, secret: entry.secret, service },
      where,
      problems,
    );
    if (key) keys.push({ ...key, source: path });
  });
  return keys;
}

/** The checks a new key's name and service must pass, as problems prefixed with `where`. */
export function newKeyProblems(
  key: { name: string; role: Role; service?: string },
  where: string,
): string[] {
  const problems: string[] = [];
  checkKey({ ...key, secret: undefined, service: key.service }, where, problems);
  return problems;
}

/** Validates one entry; `secret` undefined means the digest comes from elsewhere. */
function checkKey(
  entry: { name: unknown; role: Role; secret: string | undefined; service: string | undefined },
  where: string,
  problems: string[],
): KeySpec | undefined {
  const { name, role, secret, service } = entry;
  const before = problems.length;
  if (typeof name !== 'string' || !NAME.test(name)) {
    problems.push(`${where}: the name must be 1-64 letters, digits, dots, dashes or underscores`);
  }
  if (secret !== undefined) {
    if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) {
      problems.push(
        `${where}: the secret must be ${MIN_SECRET_LENGTH}-${MAX_SECRET_LENGTH} characters`,
      );
    } else if (/\s/.test(secret)) {
      problems.push(`${where}: the secret must not contain whitespace`);
    }
  }
  if (service !== undefined) {
    if (role !== 'ingest') {
      problems.push(`${where}: only ingest keys can be bound to a service`);
    } else if (!SERVICE.test(service)) {
      problems.push(
        `${where}: the service must be 1-100 letters, digits, dots, dashes or underscores`,
      );
    }
  }
  if (problems.length > before) return undefined;
  return {
    name: name as string,
    role,
    digest: secret === undefined ? Buffer.alloc(0) : digestOf(secret),
    ...(service === undefined ? {} : { service }),
  };
}

function duplicates(keys: KeySpec[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const digests = new Set<string>();
  for (const key of keys) {
    if (names.has(key.name)) problems.push(`key name "${key.name}" is used more than once`);
    names.add(key.name);
    const digest = key.digest.toString('hex');
    if (digests.has(digest)) problems.push(`key "${key.name}" reuses another key's secret`);
    digests.add(digest);
  }
  return problems;
}

export class KeyConfigError extends ConfigurationError {
  constructor(problems: string[]) {
    super(problems);
    this.name = 'KeyConfigError';
  }
}
