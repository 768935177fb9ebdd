import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadRequest } from '../clients/autocannon.client';
import { benchEntry, redtailLine } from '@redtail/testing';
import { forkClient, type ProcessGroup } from '../support/processes';
import { progress } from '../support/progress';
import { WORKSPACE_DIR, type ResultRow } from '../support/results';
import { runScenario } from '../support/scenario';
import { exitGracefully, KEYS, startRedtail } from '../support/servers';
import { summarize } from '../support/stats';
import { clientPath } from '../support/stream';
import type { CallFrame, CpuProfile } from '../support/cpu-profile';

/** Kept for Chrome DevTools (Performance → Load profile); git-ignored, overwritten by every run. */
const PROFILES_DIR = join(WORKSPACE_DIR, 'bench', 'results', 'profiles');

const TOP = 12;

/**
 * Stages of a request, each named by a function that encloses all of its work: the share of
 * busy samples with that function anywhere on the stack (inclusive time). Where the budget goes.
 */
const STAGES: { stage: string; functionName: string; where: string }[] = [
  { stage: 'helmet headers', functionName: 'helmetMiddleware', where: 'helmet/' },
  { stage: 'rate-limit guard', functionName: 'canActivate', where: 'auth/rate-limit.guard.ts' },
  { stage: 'roles guard', functionName: 'canActivate', where: 'auth/roles.guard.ts' },
  { stage: 'key check (SHA-256)', functionName: 'authenticate', where: 'auth/api-key.service.ts' },
  { stage: 'LogService (whole pipeline)', functionName: 'ingest', where: 'logs/log.service.ts' },
  {
    stage: 'LogService (whole pipeline)',
    functionName: 'ingestBatch',
    where: 'logs/log.service.ts',
  },
  { stage: '· parse + validate batch', functionName: 'readBatch', where: 'logs/request-body.ts' },
  { stage: '· masking', functionName: 'maskInput', where: 'logs/mask-input.ts' },
  { stage: '· encode for sealing', functionName: 'encodeFields', where: 'logs/entry-codec.ts' },
  { stage: 'seal + store', functionName: 'flush', where: 'logs/log.service.ts' },
  { stage: 'broadcast to viewers', functionName: 'deliver', where: 'logs/logs.gateway.ts' },
  { stage: 'JSON response', functionName: 'json', where: 'express/lib/response.js' },
  { stage: 'garbage collection', functionName: '(garbage collector)', where: '' },
];

interface LoadProfile extends CpuProfile {
  /** Set by us: samples before this many µs are start-up, not load. */
  loadStartsAfter: number;
}

const BUNDLE_MAP = join(WORKSPACE_DIR, 'dist', 'apps', 'api', 'main.js.map');

runScenario(
  {
    scenario: 'profile',
    title: 'Where the server spends its time (--cpu-prof)',
    description:
      'The production build run with `node --cpu-prof` under each ingest load (autocannon in a ' +
      'child process: single entries over 50 connections; NDJSON batches of 1 000 over 4 ' +
      'connections with one subscribed viewer). Self time per function and per package, as a ' +
      "share of busy samples; per stage of a request, inclusive time (the stage's function " +
      'anywhere on the stack). The .cpuprofile files are kept in bench/results/profiles/ for ' +
      'Chrome DevTools. Evidence for the targets above, not a target itself.',
  },
  async ({ options, group }) => {
    const seconds = options.quick ? 2 : 8;
    const rows: ResultRow[] = [];
    for (const workload of ['single', 'batch'] as const) {
      const profile = await profileUnder(group, workload, seconds);
      rows.push(...summariseProfile(workload, profile));
    }
    return {
      settings: { secondsPerProfile: seconds },
      figures: { selfTime: '% of samples', inclusiveTime: '% of samples' },
      rows,
      targets: [],
      notes: [],
    };
  },
);

async function profileUnder(
  group: ProcessGroup,
  workload: 'single' | 'batch',
  seconds: number,
): Promise<LoadProfile> {
  const dir = mkdtempSync(join(tmpdir(), 'redtail-profile-'));
  try {
    const spawnedAt = performance.now();
    const server = await startRedtail(group, {}, ['--cpu-prof', '--cpu-prof-dir', dir]);
    const loader = forkClient(group, 'autocannon', clientPath('autocannon'));
    if (workload === 'batch') {
      const viewer = forkClient(group, 'viewer', clientPath('viewer'));
      await viewer.request(
        'connect',
        { kind: 'redtail', url: server.url, token: KEYS.viewer, sockets: 1 },
        30_000,
      );
    }
    const headers = { authorization: `Bearer ${KEYS.ingest}` };
    const requests: LoadRequest[] =
      workload === 'single'
        ? Array.from({ length: 100 }, (_, index) => ({
            method: 'POST',
            path: '/logs',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(benchEntry(index)),
          }))
        : Array.from({ length: 5 }, (_, body) => ({
            method: 'POST',
            path: '/logs/batch',
            headers: { ...headers, 'content-type': 'application/x-ndjson' },
            body: `${Array.from({ length: 1000 }, (_, i) => redtailLine(body * 1000 + i, { run: 'profile', id: i, sentAt: 0 })).join('\n')}\n`,
          }));
    loader.onProgress = (counters) =>
      progress(`profiling ${workload}: ${counters['perSecond']} req/s`);
    const loadStartsAfter = (performance.now() - spawnedAt) * 1000;
    await loader.request(
      'run',
      { url: server.url, connections: workload === 'single' ? 50 : 4, seconds, requests },
      (seconds + 30) * 1000,
    );
    await exitGracefully(server);
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('the server exited without writing a .cpuprofile');
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as LoadProfile;
    mkdirSync(PROFILES_DIR, { recursive: true });
    copyFileSync(join(dir, file), join(PROFILES_DIR, `${workload}-ingest.cpuprofile`));
    return { ...profile, loadStartsAfter };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summariseProfile(workload: string, profile: LoadProfile): ResultRow[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  const sourceMap = bundleSourceMap();
  const stageOf = stageMatcher(profile, sourceMap);
  const stages = new Map<string, number>();
  let total = 0;
  let elapsed = 0;
  profile.samples.forEach((nodeId, index) => {
    const frame = byNode.get(nodeId);
    const delta = profile.timeDeltas[index] ?? 0;
    elapsed += delta;
    if (elapsed < profile.loadStartsAfter) return;
    if (!frame || frame.functionName === '(idle)') return;
    total += delta;
    const where = location(frame, sourceMap);
    const name = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + delta);
    const pkg = packageOf(frame.url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + delta);
    for (const stage of stageOf(nodeId)) stages.set(stage, (stages.get(stage) ?? 0) + delta);
  });
  const rows = (kind: string, entries: Map<string, number>, limit: number): ResultRow[] =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, time]) => ({
        system: `${workload} ingest`,
        params: { by: kind, where: name },
        figures: { selfTime: summarize([(time / total) * 100]) },
      }));
  const stageRows: ResultRow[] = [...new Set(STAGES.map(({ stage }) => stage))].map((stage) => ({
    system: `${workload} ingest`,
    params: { by: 'stage', where: stage },
    figures: { inclusiveTime: summarize([((stages.get(stage) ?? 0) / total) * 100]) },
  }));
  return [...stageRows, ...rows('package', packages, 8), ...rows('function', functions, TOP)];
}

/** For a sampled node, the stages whose function is on its stack (each once); memoised per node. */
function stageMatcher(
  profile: LoadProfile,
  sourceMap: SourceMap | undefined,
): (nodeId: number) => Set<string> {
  const parentOf = new Map<number, number>();
  const frames = new Map<number, CallFrame>();
  for (const node of profile.nodes) {
    frames.set(node.id, node.callFrame);
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const own = (frame: CallFrame): string | undefined => {
    const candidates = STAGES.filter((stage) => stage.functionName === frame.functionName);
    if (candidates.length === 0) return undefined;
    const where = location(frame, sourceMap);
    return candidates.find((stage) => where.includes(stage.where))?.stage;
  };
  const memo = new Map<number, Set<string>>();
  const stagesOf = (nodeId: number): Set<string> => {
    const known = memo.get(nodeId);
    if (known) return known;
    const parent = parentOf.get(nodeId);
    const result = new Set(parent === undefined ? [] : stagesOf(parent));
    const frame = frames.get(nodeId);
    const stage = frame && own(frame);
    if (stage) result.add(stage);
    memo.set(nodeId, result);
    return result;
  };
  return stagesOf;
}

/** Bundle positions are mapped back to apps/api sources, so the lead sees file and line. */
function location(frame: CallFrame, sourceMap: SourceMap | undefined): string {
  const { url, lineNumber, columnNumber } = frame;
  if (!url) return '';
  if (url.includes('dist/apps/api/main.js') && sourceMap) {
    const entry = sourceMap.findEntry(lineNumber, columnNumber) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (entry.originalSource) {
      const source = entry.originalSource
        .replace('webpack:///./src/', 'apps/api/src/')
        .replace(/^.*?(apps|libs)\//, '$1/');
      return `${source}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  const modules = url.lastIndexOf('node_modules/');
  const short =
    modules >= 0
      ? url.slice(modules + 'node_modules/'.length)
      : url.replace(/^.*\/dist\//, 'dist/');
  return `${short}:${lineNumber + 1}`;
}

function bundleSourceMap(): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(BUNDLE_MAP, 'utf8')));
  } catch {
    return undefined;
  }
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.includes('dist/apps/api')) return 'redtail (api bundle)';
  return url;
}
