import type { ViewerRunResult } from '../clients/viewer.client';
import { forkClient } from '../support/processes';
import type { ResultRow, TargetVerdict } from '../support/results';
import { runScenario } from '../support/scenario';
import { memoryOf } from '../support/servers';
import { summarize } from '../support/stats';
import {
  clientPath,
  measureStream,
  startRig,
  type StreamFigures,
  type SystemName,
} from '../support/stream';

const RATE = 10_000;
const HEALTHY = 9;
const MiB = 2 ** 20;
/** Growth allowed over the second half of the run once the ring buffer is full. */
const BOUND_MiB = 32;
const FIGURES = {
  rssStart: 'MiB',
  rssMid: 'MiB',
  rssMax: 'MiB',
  rssEnd: 'MiB',
  liveHeapStart: 'MiB',
  liveHeapEnd: 'MiB',
  healthyLost: 'entries',
  healthyP99: 'ms',
  stalledDroppedNotice: 'entries',
} as const;

interface SlowFigures {
  rssStart: number;
  rssMid: number;
  rssMax: number;
  rssEnd: number;
  liveHeapStart: number;
  liveHeapEnd: number;
  healthyLost: number;
  healthyP99: number;
  stalledDroppedNotice: number;
}

runScenario(
  {
    scenario: 'slow-viewer',
    title: 'Slow viewer: one stalled client, nine healthy ones',
    description:
      `${RATE / 1000}k entries/s; one viewer process is frozen with SIGSTOP for the whole run ` +
      '(its socket stops reading, as a hung browser tab would), nine healthy viewers keep ' +
      'reading. Server RSS is sampled every second from /proc; the live heap (heapUsed after a ' +
      'full collection) is taken just before and just after the run. After the run the frozen viewer ' +
      'is resumed and reports how many entries the server said it dropped for it. Socket.IO ' +
      'pings time out a frozen client after ~45 s (Redtail) or ~30 s (frontail), which is part ' +
      "of each system's defence.",
  },
  async ({ options, group }) => {
    const results = new Map<SystemName, SlowFigures>();
    for (const system of ['frontail', 'redtail'] as SystemName[]) {
      const rig = await startRig(group, system, HEALTHY);
      const stalled = forkClient(group, `${system}-stalled`, clientPath('viewer'));
      await stalled.request('connect', { ...rig.viewerSpec, sockets: 1 }, 30_000);
      await stalled.request('begin', { run: 'stalled', maxIds: 1 }, 10_000);
      stalled.signal('SIGSTOP');
      const samples: number[] = [];
      const heapBefore = await memoryOf(rig.server);
      const figures: StreamFigures = await measureStream(rig, {
        rate: RATE,
        seconds: options.soakSeconds,
        label: `${system} with a stalled viewer`,
        whileShipping: () => {
          samples.push(rig.server.process.rssBytes());
          const timer = setInterval(() => samples.push(rig.server.process.rssBytes()), 1000);
          return () => {
            clearInterval(timer);
            samples.push(rig.server.process.rssBytes());
          };
        },
      });
      const heapAfter = await memoryOf(rig.server);
      stalled.signal('SIGCONT');
      const stalledEnd = await stalled
        .request<ViewerRunResult>('end', { expected: 1, graceMs: 1000, capMs: 5000 }, 15_000)
        .catch(() => undefined);
      results.set(system, {
        rssStart: samples[0] / MiB,
        rssMid: samples[Math.floor(samples.length / 2)] / MiB,
        rssMax: Math.max(...samples) / MiB,
        rssEnd: samples[samples.length - 1] / MiB,
        liveHeapStart: heapBefore.heapUsed / MiB,
        liveHeapEnd: heapAfter.heapUsed / MiB,
        healthyLost: figures.lost + figures.rejected,
        healthyP99: figures.p99,
        stalledDroppedNotice: stalledEnd?.perSocket[0]?.dropped ?? NaN,
      });
      for (const child of [stalled, ...rig.viewers, rig.shipper, rig.server.process]) {
        await child.stop();
      }
    }
    const rows: ResultRow[] = [...results].map(([system, figures]) => ({
      system,
      params: { rate: RATE, seconds: options.soakSeconds },
      figures: Object.fromEntries(
        Object.keys(FIGURES).map((key) => [key, summarize([figures[key as keyof SlowFigures]])]),
      ),
    }));
    return {
      settings: {
        rate: RATE,
        healthyViewers: HEALTHY,
        stalledViewers: 1,
        seconds: options.soakSeconds,
      },
      figures: FIGURES,
      rows,
      targets: verdicts(results.get('redtail')),
      notes: ['One run per system: this scenario is a minute long.'],
    };
  },
);

function verdicts(ours: SlowFigures | undefined): TargetVerdict[] {
  if (!ours) return [{ target: 'slow viewer', met: null, detail: 'not measured' }];
  const growth = ours.rssEnd - ours.rssMid;
  return [
    {
      target: `Server RSS bounded (≤ ${BOUND_MiB} MiB growth over the second half)`,
      met: growth <= BOUND_MiB,
      detail:
        `RSS ${ours.rssStart.toFixed(0)} → ${ours.rssMid.toFixed(0)} → ${ours.rssEnd.toFixed(0)} MiB ` +
        `(max ${ours.rssMax.toFixed(0)}); live heap ${ours.liveHeapStart.toFixed(0)} → ` +
        `${ours.liveHeapEnd.toFixed(0)} MiB`,
    },
    {
      target: 'Healthy viewers lose nothing',
      met: ours.healthyLost === 0,
      detail: `${ours.healthyLost} entries lost across ${HEALTHY} healthy viewers`,
    },
  ];
}
