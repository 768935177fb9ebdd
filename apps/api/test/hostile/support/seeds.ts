import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * Hand-written attack inputs, kept as JSON files in ../seeds/ and its subfolders (one per
 * author, e.g. `independent/`), written by someone who has not read Redtail's implementation
 * (see ../seeds/README.md). Every property runs its seeds first, as fast-check examples, then
 * its generated inputs.
 */
export const SEEDS_DIR = join(__dirname, '..', 'seeds');

export type Auth = 'none' | 'wrong' | 'ingest' | 'viewer' | 'admin';

interface Seed {
  /** Shown when the seed fails. */
  name: string;
  /** Strings the response must not contain (a secret in the body, the attacker's own marker). */
  mustNotEcho?: string[];
}

export interface HttpBodySeed extends Seed {
  method?: string;
  path: string;
  contentType?: string;
  auth?: Auth;
  /** The body as text, or `bodyBase64` for bytes that are not UTF-8. */
  body?: string;
  bodyBase64?: string;
}

export interface NdjsonSeed extends Seed {
  document: string;
}

export interface QuerySeed extends Seed {
  /** Path and query exactly as sent, e.g. `/logs?q=%28a%2B%29%2B&regex=1`. */
  url: string;
  auth?: Auth;
}

export interface SocketEventSeed extends Seed {
  event: string;
  args: unknown[];
}

export interface SocketPacketSeed extends Seed {
  /** A Socket.IO packet as text, without engine.io's `4` prefix, e.g. `2/logs,["subscribe",{}]`. */
  packet: string;
}

export interface Seeds {
  httpBodies: HttpBodySeed[];
  ndjson: NdjsonSeed[];
  queries: QuerySeed[];
  socketEvents: SocketEventSeed[];
  socketPackets: SocketPacketSeed[];
}

const SECTIONS: Record<keyof Seeds, Record<string, 'string' | 'strings' | 'array' | 'auth'>> = {
  httpBodies: {
    method: 'string',
    path: 'string',
    contentType: 'string',
    auth: 'auth',
    body: 'string',
    bodyBase64: 'string',
  },
  ndjson: { document: 'string' },
  queries: { url: 'string', auth: 'auth' },
  socketEvents: { event: 'string', args: 'array' },
  socketPackets: { packet: 'string' },
};

const REQUIRED: Record<keyof Seeds, string[]> = {
  httpBodies: ['path'],
  ndjson: ['document'],
  queries: ['url'],
  socketEvents: ['event', 'args'],
  socketPackets: ['packet'],
};

const AUTHS: readonly Auth[] = ['none', 'wrong', 'ingest', 'viewer', 'admin'];

/**
 * Every seed file in `dir` and its subfolders, checked: a typo in a seed fails the run instead of
 * silently testing nothing. Seeds are named after their file's path below `dir`.
 */
export function loadSeeds(dir = SEEDS_DIR): Seeds {
  const seeds: Seeds = {
    httpBodies: [],
    ndjson: [],
    queries: [],
    socketEvents: [],
    socketPackets: [],
  };
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(sep).join('/'))
    .filter((file) => file.endsWith('.json'))
    .sort();
  for (const file of files) {
    const problems: string[] = [];
    const parsed: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`${file}: expected an object of sections`);
    }
    for (const [section, items] of Object.entries(parsed)) {
      if (section === 'about') continue;
      if (!(section in SECTIONS)) {
        problems.push(
          `unknown section "${section}" (expected ${Object.keys(SECTIONS).join(', ')})`,
        );
        continue;
      }
      const name = section as keyof Seeds;
      if (!Array.isArray(items)) {
        problems.push(`${section}: expected an array`);
        continue;
      }
      items.forEach((item: unknown, index) => {
        const where = `${section}[${index}]`;
        const found = checkSeed(item, SECTIONS[name], REQUIRED[name], where, problems);
        if (found) (seeds[name] as Seed[]).push({ ...found, name: `${file} ${found.name}` });
      });
    }
    if (problems.length > 0) throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
  }
  return seeds;
}

function checkSeed(
  item: unknown,
  fields: Record<string, 'string' | 'strings' | 'array' | 'auth'>,
  required: string[],
  where: string,
  problems: string[],
): Seed | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.push(`${where}: expected an object`);
    return undefined;
  }
  const record = item as Record<string, unknown>;
  const before = problems.length;
  const allowed: Record<string, string> = { name: 'string', mustNotEcho: 'strings', ...fields };
  for (const [key, value] of Object.entries(record)) {
    const kind = allowed[key];
    if (!kind) problems.push(`${where}.${key}: unknown field`);
    else if (kind === 'string' && typeof value !== 'string')
      problems.push(`${where}.${key}: expected a string`);
    else if (kind === 'array' && !Array.isArray(value))
      problems.push(`${where}.${key}: expected an array`);
    else if (kind === 'auth' && !AUTHS.includes(value as Auth)) {
      problems.push(`${where}.${key}: expected one of ${AUTHS.join(', ')}`);
    } else if (
      kind === 'strings' &&
      !(Array.isArray(value) && value.every((s) => typeof s === 'string'))
    ) {
      problems.push(`${where}.${key}: expected an array of strings`);
    }
  }
  for (const key of ['name', ...required]) {
    if (!(key in record)) problems.push(`${where}: missing "${key}"`);
  }
  return problems.length > before ? undefined : (record as unknown as Seed);
}
