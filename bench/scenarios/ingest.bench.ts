import type { LoadRequest, LoadResult } from '../clients/autocannon.client';
import { benchEntry } from '@redtail/testing';
import { forkClient } from '../support/processes';
import { progress } from '../support/progress';
import { keysOf, runScenario, summaryRow } from '../support/scenario';
import {
  cpuTimeOf,
  KEYS,
  startBareNest,
  startRedtail,
  type RunningServer,
} from '../support/servers';
import { summarize } from '../support/stats';
import { clientPath } from '../support/stream';

const CONNECTIONS = 50;
const BODIES = 100;
const FIGURES = {
  requestsPerSecond: 'req/s',
  latencyP50: 'ms',
  latencyP99: 'ms',
  serverCpuPerRequest: 'µs',
  non2xx: 'responses',
  errors: 'errors',
} as const;
const TARGET_SHARE = 0.85;

runScenario(
  {
    scenario: 'ingest',
    title: 'Single-entry ingest: POST /logs',
    description:
      `autocannon in a child process, ${CONNECTIONS} keep-alive connections, ${BODIES} distinct ` +
      '~200-byte entries (5 % with personal data) in rotation, against the production build and ' +
      'against a bare NestJS Express route that parses the body and returns 201 (on the same HTTP ' +
      'server as Redtail’s, libs/express-server; before 2026-12-03 it ran on Nest’s own). "security-floor" ' +
      'is that bare route plus only what the security rules demand of any ingest route (helmet, ' +
      'one guard: role, constant-time key check, rate-limit count) and none of the pipeline. ' +
      'serverCpuPerRequest is the server process’s CPU time (all threads) per answered request.',
  },
  async ({ options, group }) => {
    const systems: Record<string, { server: RunningServer; headers: Record<string, string> }> = {
      'bare-nest': { server: await startBareNest(group), headers: {} },
      'security-floor': {
        server: await startBareNest(group, { securityFloor: true }),
        headers: { authorization: `Bearer ${KEYS.ingest}` },
      },
      redtail: {
        server: await startRedtail(group),
        headers: { authorization: `Bearer ${KEYS.ingest}` },
      },
    };
    const loader = forkClient(group, 'autocannon', clientPath('autocannon'));
    const load = async (
      system: string,
      seconds: number,
      label: string,
    ): Promise<LoadResult & { serverCpuPerRequest: number }> => {
      const { server, headers } = systems[system];
      const requests: LoadRequest[] = Array.from({ length: BODIES }, (_, index) => ({
        method: 'POST',
        path: '/logs',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(benchEntry(index)),
      }));
      loader.onProgress = (counters) => progress(`${label}: ${counters['perSecond']} req/s`);
      const cpuBefore = await cpuTimeOf(server);
      const result = await loader.request<LoadResult>(
        'run',
        { url: server.url, connections: CONNECTIONS, seconds, requests },
        (seconds + 30) * 1000,
      );
      const answered = result.ok + result.non2xx;
      const cpu = (await cpuTimeOf(server)) - cpuBefore;
      return { ...result, serverCpuPerRequest: answered > 0 ? cpu / answered : 0 };
    };
    const names = Object.keys(systems);
    for (const system of names) await load(system, options.quick ? 1 : 3, `${system} warm-up`);
    const runs = new Map<string, (LoadResult & { serverCpuPerRequest: number })[]>();
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      const order = repeat % 2 === 0 ? names : [...names].reverse();
      for (const system of order) {
        const label = `${system} run ${repeat + 1}/${options.repeats}`;
        const result = await load(system, options.seconds, label);
        runs.set(system, [...(runs.get(system) ?? []), result]);
      }
    }
    const rows = names.map((system) =>
      summaryRow(system, {}, runs.get(system) ?? [], keysOf(FIGURES)),
    );
    const median = (system: string) =>
      summarize((runs.get(system) ?? []).map((run) => run.requestsPerSecond)).median;
    const share = median('redtail') / median('bare-nest');
    const floorShare = median('security-floor') / median('bare-nest');
    const failures = (runs.get('redtail') ?? []).reduce(
      (sum, run) => sum + run.non2xx + run.errors,
      0,
    );
    return {
      settings: {
        secondsPerRun: options.seconds,
        repeats: options.repeats,
        connections: CONNECTIONS,
      },
      figures: FIGURES,
      rows,
      targets: [
        {
          target: `Redtail req/s ≥ ${TARGET_SHARE * 100} % of bare NestJS`,
          met: share >= TARGET_SHARE && failures === 0,
          detail:
            `${(share * 100).toFixed(1)} % (${median('redtail').toFixed(0)} vs ${median('bare-nest').toFixed(0)} req/s)` +
            (failures > 0 ? `; ${failures} failed requests` : ''),
        },
      ],
      notes: [
        `The security floor alone runs at ${(floorShare * 100).toFixed(1)} % of bare NestJS; ` +
          `Redtail at ${((median('redtail') / median('security-floor')) * 100).toFixed(1)} % of the floor.`,
      ],
    };
  },
);
