import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEverySeedHolds } from './support/seed-runner';
import { loadSeeds, SEEDS_DIR } from './support/seeds';

describe('the hostile seed loader', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'redtail-seeds-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: unknown) =>
    writeFileSync(join(dir, name), JSON.stringify(content));

  it('reads every section of every file, naming each seed after its file', () => {
    write('a.json', {
      about: 'test',
      httpBodies: [{ name: 'raw e-mail', path: '/logs', body: 'x', mustNotEcho: ['x'] }],
      ndjson: [{ name: 'broken', document: '{' }],
    });
    write('b.json', {
      queries: [{ name: 'regex', url: '/logs?q=a', auth: 'viewer' }],
      socketEvents: [{ name: 'sub', event: 'subscribe', args: [{}] }],
      socketPackets: [{ name: 'raw', packet: '2/logs,[]' }],
    });
    const seeds = loadSeeds(dir);
    expect(seeds.httpBodies).toEqual([
      { name: 'a.json raw e-mail', path: '/logs', body: 'x', mustNotEcho: ['x'] },
    ]);
    expect(seeds.ndjson).toHaveLength(1);
    expect(seeds.queries).toEqual([{ name: 'b.json regex', url: '/logs?q=a', auth: 'viewer' }]);
    expect(seeds.socketEvents).toHaveLength(1);
    expect(seeds.socketPackets).toHaveLength(1);
  });

  it('reads the files in subfolders too, naming each seed after its path', () => {
    mkdirSync(join(dir, 'independent'));
    write('independent/a.json', { queries: [{ name: 'deep', url: '/logs?q=a' }] });
    write('b.json', { queries: [{ name: 'top', url: '/logs' }] });
    expect(loadSeeds(dir).queries.map((seed) => seed.name)).toEqual([
      'b.json top',
      'independent/a.json deep',
    ]);
  });

  it.each([
    ['an unknown section', { httpBody: [] }, /unknown section "httpBody"/],
    [
      'an unknown field',
      { ndjson: [{ name: 'n', document: '', doc: '' }] },
      /ndjson\[0\]\.doc: unknown field/,
    ],
    ['a missing field', { queries: [{ name: 'n' }] }, /queries\[0\]: missing "url"/],
    [
      'a wrong type',
      { socketEvents: [{ name: 'n', event: 'e', args: {} }] },
      /args: expected an array/,
    ],
    [
      'an unknown auth',
      { queries: [{ name: 'n', url: '/', auth: 'root' }] },
      /auth: expected one of/,
    ],
    [
      'mustNotEcho not strings',
      { ndjson: [{ name: 'n', document: '', mustNotEcho: [1] }] },
      /array of strings/,
    ],
  ])('refuses %s, naming the file and the place', (_case, content, message) => {
    write('bad.json', content);
    expect(() => loadSeeds(dir)).toThrow(/bad\.json/);
    expect(() => loadSeeds(dir)).toThrow(message);
  });

  it('reads the seeds that ship with the tests', () => {
    expect(() => loadSeeds(SEEDS_DIR)).not.toThrow();
  });
});

describe('the seed runner', () => {
  it('runs every seed and reports each one that failed by name, not just the first', async () => {
    const ran: string[] = [];
    const seeds = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    const outcome = expectEverySeedHolds(seeds, async (seed) => {
      ran.push(seed.name);
      if (seed.name === 'b' || seed.name === 'd') throw new Error(`answered 500 for ${seed.name}`);
    });
    await expect(outcome).rejects.toThrow(
      /2 of 4 seeds failed:\nb: answered 500 for b\nd: answered 500 for d/,
    );
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
  });

  it('passes when every seed holds', async () => {
    await expect(expectEverySeedHolds([{ name: 'a' }], async () => undefined)).resolves.toBe(
      undefined,
    );
  });
});
