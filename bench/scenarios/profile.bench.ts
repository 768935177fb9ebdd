import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadRequest } from '../clients/autocannon.client';
import { benchEntry, redtailLine } from '../support/payloads';
import { forkClient, type ProcessGroup } from '../support/processes';
import { progress } from '../support/progress';
import { WORKSPACE_DIR, type ResultRow } from '../support/results';
import { runScenario } from '../support/scenario';
import { exitGracefully, KEYS, startRedtail } from '../support/servers';
import { summarize } from '../support/stats';
import { clientPath } from '../support/stream';

const TOP = 12;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
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
      'share of all samples; the .cpuprofile files open in Chrome DevTools. Evidence for the ' +
      'targets above, not a target itself.',
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
      figures: { selfTime: '% of samples' },
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
): Promise<CpuProfile> {
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
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    return { ...profile, loadStartsAfter };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summariseProfile(workload: string, profile: CpuProfile): ResultRow[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  const sourceMap = bundleSourceMap();
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
  return [...rows('package', packages, 8), ...rows('function', functions, TOP)];
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
