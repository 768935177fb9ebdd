import type { HostileResult } from '../clients/hostile.client';
import { forkClient } from '../support/processes';
import type { ResultRow, TargetVerdict } from '../support/results';
import { runScenario } from '../support/scenario';
import { KEYS, loopDelayOf, type LoopDelay } from '../support/servers';
import { summarize } from '../support/stats';
import { clientPath, measureStream, startRig, type StreamFigures } from '../support/stream';
import { LatencyHistogram } from '../support/histogram';

const RATE = 10_000;
/** The insider's own viewer key: the healthy viewer keeps the benchmark's. */
const ATTACKER_KEY = 'bench-attacker-viewer-key-0123456789';
/**
 * The limits as shipped (the other scenarios lift them so they measure throughput), with the
 * loopback proxy trusted so the attackers can come from addresses of their own: on one machine
 * everyone is 127.0.0.1, and an address's budget is shared by everything from it.
 */
const REAL_LIMITS = {
  REDTAIL_RATE_LIMIT: '1200',
  REDTAIL_SCAN_RATE_LIMIT: '300',
  REDTAIL_SOCKET_RATE_LIMIT: '120',
  REDTAIL_TRUST_PROXY: 'loopback',
  REDTAIL_VIEWER_KEYS: `bench-viewer:${KEYS.viewer},attacker:${ATTACKER_KEY}`,
};
/** Entries in the store before the attack: the scans the attacker asks for have this much to walk. */
const PREFILL = 100_000;
const FIGURES = {
  loopP99: 'ms',
  loopMax: 'ms',
  healthP99: 'ms',
  healthMax: 'ms',
  viewerP99: 'ms',
  lost: 'entries',
  rejected: 'entries',
} as const;

type Figures = Record<keyof typeof FIGURES, number>;

runScenario(
  {
    scenario: 'hostile',
    title: 'Hostile viewer: event-loop delay while one insider and one outsider attack',
    description:
      `${RATE / 1000}k entries/s into a store of ${PREFILL / 1000}k entries with one healthy ` +
      'viewer, under the limits as shipped, first quiet, then with a hostile client running ' +
      'alongside: a viewer key of its own asking ' +
      'for regex scans that stall backtracking engines (two at a time), subscribing over and ' +
      'over with such patterns, guessing keys over Socket.IO, and an unauthenticated POST ' +
      "flood. Event-loop delay is the server's own (monitorEventLoopDelay, 1 ms resolution); " +
      '/health is timed from the bench process every 100 ms.',
  },
  async ({ options, group }) => {
    const seconds = options.quick ? 3 : 20;
    const rig = await startRig(group, 'redtail', 1, REAL_LIMITS);
    await measureStream(rig, {
      rate: 20_000,
      seconds: options.quick ? 1 : PREFILL / 20_000,
      label: 'filling the store',
    });
    const phases = new Map<string, Figures>();
    let attacks: HostileResult | undefined;
    for (const phase of ['quiet', 'under attack'] as const) {
      const health = new LatencyHistogram();
      let hostile: Promise<HostileResult> | undefined;
      await loopDelayOf(rig.server);
      const stream: StreamFigures = await measureStream(rig, {
        rate: RATE,
        seconds,
        label: phase,
        whileShipping: () => {
          if (phase === 'under attack') {
            const client = forkClient(group, 'hostile', clientPath('hostile'));
            hostile = client.request<HostileResult>(
              'run',
              { url: rig.server.url, viewerKey: ATTACKER_KEY, seconds },
              (seconds + 30) * 1000,
            );
          }
          const timer = setInterval(() => {
            const started = performance.now();
            void fetch(`${rig.server.url}/health`).then(
              (response) =>
                response.arrayBuffer().then(() => health.record(performance.now() - started)),
              () => health.record(10_000),
            );
          }, 100);
          return () => clearInterval(timer);
        },
      });
      const delay: LoopDelay = await loopDelayOf(rig.server);
      if (hostile) attacks = await hostile;
      phases.set(phase, {
        loopP99: delay.p99,
        loopMax: delay.max,
        healthP99: health.percentile(99),
        healthMax: health.max,
        viewerP99: stream.p99,
        lost: stream.lost,
        rejected: stream.rejected,
      });
    }
    const rows: ResultRow[] = [...phases].map(([phase, figures]) => ({
      system: `redtail (${phase})`,
      params: { rate: RATE, seconds },
      figures: Object.fromEntries(
        Object.keys(FIGURES).map((key) => [key, summarize([figures[key as keyof Figures]])]),
      ),
    }));
    return {
      settings: { rate: RATE, prefill: PREFILL, seconds, healthyViewers: 1 },
      figures: FIGURES,
      rows,
      targets: verdicts(phases.get('under attack')),
      notes: [
        'One run per phase.',
        `Attack outcomes (answers per attempt): ${JSON.stringify(attacks?.outcomes ?? {})}`,
      ],
    };
  },
);

function verdicts(attacked: Figures | undefined): TargetVerdict[] {
  if (!attacked) return [{ target: 'hostile viewer', met: null, detail: 'not measured' }];
  return [
    {
      target: '/health answers within 100 ms under attack',
      met: attacked.healthMax < 100,
      detail: `p99 ${attacked.healthP99.toFixed(1)} ms, worst ${attacked.healthMax.toFixed(1)} ms`,
    },
    {
      target: 'No entry lost by the healthy viewer or refused to the shipper',
      met: attacked.lost === 0 && attacked.rejected === 0,
      detail: `${attacked.lost} lost, ${attacked.rejected} refused`,
    },
    {
      target: 'Event loop never held for long',
      met: attacked.loopMax < 100,
      detail: `p99 ${attacked.loopP99.toFixed(1)} ms, max ${attacked.loopMax.toFixed(1)} ms`,
    },
  ];
}
