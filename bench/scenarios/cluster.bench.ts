import { randomBytes } from 'node:crypto';
import { startRedis } from '@redtail/testing';
import {
  clientPath,
  measureStream,
  SHIPPER,
  type StreamFigures,
  type StreamRig,
} from '../support/stream';
import { forkClient, type ProcessGroup } from '../support/processes';
import type { ResultRow } from '../support/results';
import { keysOf, runScenario, summaryRow } from '../support/scenario';
import { KEYS, startRedtail, type RunningServer } from '../support/servers';

const RATES = [1_000, 10_000];
/** Two-node runs differ only in the Socket.IO adapter carrying the sealed relay between nodes. */
const TOPOLOGIES = {
  '1 node': undefined,
  '2 nodes + Redis, pub/sub adapter': 'pubsub',
  '2 nodes + Redis, streams adapter': 'streams',
} as const;
type Topology = keyof typeof TOPOLOGIES;
const FIGURES = {
  achieved: 'entries/s',
  p50: 'ms',
  p99: 'ms',
  lost: 'entries',
  rejected: 'entries',
} as const;

/**
 * The shipper posts to the first node and the viewer watches the last one, so
 * with two nodes every entry crosses Redis (store script, then the adapter's
 * pub/sub relay) before it reaches the dashboard.
 */
async function startClusterRig(group: ProcessGroup, nodes: RunningServer[]): Promise<StreamRig> {
  const shipper = forkClient(group, 'cluster-shipper', clientPath('shipper'));
  await shipper.request(
    'configure',
    { kind: 'redtail', url: nodes[0].url, token: KEYS.ingest, ...SHIPPER },
    10_000,
  );
  const viewerSpec = {
    kind: 'redtail' as const,
    url: nodes[nodes.length - 1].url,
    token: KEYS.viewer,
  };
  const viewer = forkClient(group, 'cluster-viewer', clientPath('viewer'));
  await viewer.request('connect', { ...viewerSpec, sockets: 1 }, 30_000);
  return { system: 'redtail', server: nodes[0], shipper, viewers: [viewer], viewerSpec };
}

runScenario(
  {
    scenario: 'cluster',
    title: 'Cluster mode: 1 node vs 2 nodes + Redis (pub/sub vs streams adapter)',
    description:
      'Shipper → node A, one Socket.IO viewer on node B (the same node when there is only one), ' +
      'at 1k and 10k entries/s offered, with the pub/sub adapter and with the streams adapter ' +
      '(REDTAIL_CLUSTER_ADAPTER). All processes, Redis included, share this machine.',
  },
  async ({ options, group }) => {
    const seconds = Math.max(1, options.seconds / 2);
    const redis = await startRedis();
    // One KEK for every run: the epoch key wrapped by the first cluster stays in Redis.
    const kek = randomBytes(32).toString('hex');
    const runs = new Map<string, StreamFigures[]>();
    try {
      for (const [topology, adapter] of Object.entries(TOPOLOGIES)) {
        const env: Record<string, string> = adapter
          ? { REDIS_URL: redis.url, REDTAIL_CLUSTER_KEK: kek, REDTAIL_CLUSTER_ADAPTER: adapter }
          : {};
        const count = adapter ? 2 : 1;
        const nodes: RunningServer[] = [];
        for (let i = 0; i < count; i++) {
          nodes.push(await startRedtail(group, { ...env, REDTAIL_NODE_ID: `bench-${i}` }));
        }
        const rig = await startClusterRig(group, nodes);
        for (const rate of RATES) {
          for (let repeat = 0; repeat < options.repeats; repeat++) {
            const label = `${topology} ${rate}/s run ${repeat + 1}/${options.repeats}`;
            const figures = await measureStream(rig, { rate, seconds, label });
            const key = `${topology}/${rate}`;
            runs.set(key, [...(runs.get(key) ?? []), figures]);
          }
        }
        for (const child of [...rig.viewers, rig.shipper, ...nodes.map((node) => node.process)]) {
          await child.stop();
        }
      }
    } finally {
      await redis.stop();
    }
    const rows: ResultRow[] = RATES.flatMap((rate) =>
      (Object.keys(TOPOLOGIES) as Topology[]).map((topology) =>
        summaryRow(topology, { rate }, runs.get(`${topology}/${rate}`) ?? [], keysOf(FIGURES)),
      ),
    );
    return {
      settings: { secondsPerRun: seconds, repeats: options.repeats, ...SHIPPER },
      figures: FIGURES,
      rows,
      targets: [],
      notes: [
        'Two nodes on one 2-core machine share the cores with Redis, the shipper and the viewer: ' +
          'this measures the cost of the Redis hop (store script + relay), not scale-out. ' +
          'Throughput gains need nodes on separate machines. ' +
          'Redtail relays with server-side emits, which the streams adapter (0.3.x) sends over ' +
          'Redis pub/sub as well, so the two adapters differ here mostly in encoding and in the ' +
          "streams adapter's extra polling connection.",
      ],
    };
  },
);
