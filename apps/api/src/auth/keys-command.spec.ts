import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestOf, loadKeys } from './key-config';
import { KEYS_USAGE, runKeysCommand } from './keys-command';
import { WORKSPACE_KEYS_FILE } from './keys-file';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe('npm run keys', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'redtail-keys-cli-'));
    file = join(dir, 'keys.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(...argv: string[]): Run {
    const result: Run = { code: -1, out: [], err: [] };
    result.code = runKeysCommand(
      argv,
      { REDTAIL_KEYS_FILE: file },
      { out: (line) => result.out.push(line), err: (line) => result.err.push(line) },
      new Date('2026-01-02T03:04:05.000Z'),
    );
    return result;
  }

  function stored(): { keys: Record<string, unknown>[] } {
    return JSON.parse(readFileSync(file, 'utf8'));
  }

  it('adds a key: the secret goes to standard output once, the file keeps its SHA-256 only', () => {
    const added = run('add', 'ci', 'ingest', '--service', 'checkout');
    expect(added.code).toBe(0);
    expect(added.out).toHaveLength(1);
    const [secret] = added.out;
    expect(secret).toMatch(/^rt_[A-Za-z0-9_-]{32}$/);
    expect(added.err.join('\n')).not.toContain(secret);
    expect(readFileSync(file, 'utf8')).not.toContain(secret);
    expect(stored().keys).toEqual([
      {
        name: 'ci',
        role: 'ingest',
        sha256: digestOf(secret).toString('hex'),
        service: 'checkout',
        createdAt: '2026-01-02T03:04:05.000Z',
      },
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes a file the server loads with the same identity', () => {
    const [secret] = run('add', 'grafana', 'viewer').out;
    const [key] = loadKeys({ REDTAIL_KEYS_FILE: file });
    expect(key).toMatchObject({ name: 'grafana', role: 'viewer' });
    expect(key.digest.equals(digestOf(secret))).toBe(true);
  });

  it('keeps the entries already in the file, hand-written ones included', () => {
    writeFileSync(
      file,
      JSON.stringify({ keys: [{ name: 'ops', role: 'admin', secret: 'a-hand-written-secret' }] }),
    );
    run('add', 'alice', 'viewer');
    expect(stored().keys.map((key) => key.name)).toEqual(['ops', 'alice']);
    expect(stored().keys[0]).toEqual({
      name: 'ops',
      role: 'admin',
      secret: 'a-hand-written-secret',
    });
  });

  it('lists names, roles and services, never a secret', () => {
    writeFileSync(
      file,
      JSON.stringify({ keys: [{ name: 'ops', role: 'admin', secret: 'a-hand-written-secret' }] }),
    );
    run('add', 'ci', 'ingest', '--service', 'checkout');
    const listed = run('list');
    expect(listed.code).toBe(0);
    expect(listed.out).toEqual([
      'name  role    service   stored as     created',
      'ops   admin   -         plain secret  -',
      'ci    ingest  checkout  sha256        2026-01-02T03:04:05.000Z',
    ]);
    expect(listed.out.join('\n')).not.toContain('a-hand-written-secret');
  });

  it('says so when there is no file yet', () => {
    expect(run('list')).toEqual({
      code: 0,
      out: [],
      err: [expect.stringContaining(`No keys file at ${file} yet`)],
    });
  });

  it('removes a key and warns when no admin key is left', () => {
    run('add', 'ops', 'admin');
    run('add', 'alice', 'viewer');
    const removed = run('remove', 'ops');
    expect(removed.code).toBe(0);
    expect(stored().keys.map((key) => key.name)).toEqual(['alice']);
    expect(removed.err.join('\n')).toContain('No admin key is left');
  });

  it.each([
    [
      'an unknown role',
      ['add', 'x', 'root'],
      'keys: role "root" must be one of ingest, viewer, admin',
    ],
    [
      'a bad name',
      ['add', 'a b', 'viewer'],
      'keys: key "a b": the name must be 1-64 letters, digits, dots, dashes or underscores',
    ],
    [
      'a service on a viewer key',
      ['add', 'x', 'viewer', '--service', 'a'],
      'keys: key "x": only ingest keys can be bound to a service',
    ],
    [
      'a key that is not there',
      ['remove', 'nobody'],
      expect.stringContaining('no key named "nobody"'),
    ],
  ])('refuses %s with exit code 1, leaving the file as it was', (_label, argv, message) => {
    run('add', 'ops', 'admin');
    const before = readFileSync(file, 'utf8');
    const refused = run(...argv);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([message]);
    expect(refused.out).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a second key with the same name', () => {
    run('add', 'ops', 'admin');
    expect(run('add', 'ops', 'viewer')).toMatchObject({
      code: 1,
      err: [expect.stringContaining('a key named "ops" is already in')],
    });
  });

  it('refuses to edit a file the server would refuse, naming the problem', () => {
    writeFileSync(
      file,
      JSON.stringify({ keys: [{ name: 'x', role: 'root', secret: 'y'.repeat(20) }] }),
    );
    const refused = run('add', 'ci', 'ingest');
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([expect.stringContaining('keys[0].role: must be one of')]);
  });

  it.each([
    [[]],
    [['frob']],
    [['add', 'only-a-name']],
    [['list', 'extra']],
    [['list', '--service', 'x']],
    [['add', 'x', 'viewer', '--colour']],
  ])('answers %p with the usage and exit code 2', (argv) => {
    const misused = run(...argv);
    expect(misused.code).toBe(2);
    expect(misused.err.join('\n')).toContain(KEYS_USAGE);
  });

  it('prints the usage for --help', () => {
    expect(run('--help')).toEqual({ code: 0, out: [KEYS_USAGE], err: [] });
  });

  it('uses --file over REDTAIL_KEYS_FILE', () => {
    const other = join(dir, 'other.json');
    run('add', 'ci', 'ingest', '--file', other);
    expect(JSON.parse(readFileSync(other, 'utf8')).keys).toHaveLength(1);
  });

  it('defaults to the file npm start uses', () => {
    const { scripts } = JSON.parse(
      readFileSync(join(__dirname, '../../../../package.json'), 'utf8'),
    ) as { scripts: Record<string, string> };
    expect(scripts['start']).toContain(
      `REDTAIL_KEYS_FILE=\${REDTAIL_KEYS_FILE:-${WORKSPACE_KEYS_FILE}}`,
    );
  });
});
