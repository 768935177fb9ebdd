import { forkClient } from '../support/processes';
import { progress } from '../support/progress';
import { runScenario } from '../support/scenario';
import { KEYS, memoryOf, startRedtail } from '../support/servers';
import { summarize } from '../support/stats';
import { clientPath } from '../support/stream';

const MiB = 2 ** 20;
const TARGET_RATIO = 1.5;
const FIGURES = {
  stored: 'entries',
  rss: 'MiB',
  heapUsed: 'MiB',
  external: 'MiB',
  rssPerEntry: 'B',
  heapPerEntry: 'B',
  payloadPerEntry: 'B',
  ratio: '× payload',
} as const;

type Checkpoint = Record<keyof typeof FIGURES, number>;

runScenario(
  {
    scenario: 'memory',
    title: 'Memory per stored entry',
    description:
      'A fresh server per repeat stores distinct ~200-byte entries (sent in NDJSON batches of ' +
      '1 000 by a loader process); after each checkpoint a full GC runs in the server and its ' +
      'memory is read. Per-entry figures are growth over the empty server divided by entries ' +
      'stored; the baseline is the payload itself (bytes of the JSON line as sent).',
  },
  async ({ options, group }) => {
    const checkpoints = options.quick ? [20_000, 100_000] : [100_000, 1_000_000];
    const runs = new Map<number, Checkpoint[]>();
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      const server = await startRedtail(group, {
        LOG_MAX_ENTRIES: String(checkpoints[checkpoints.length - 1]),
        LOG_MAX_BYTES: String(2 ** 31 - 1),
      });
      const loader = forkClient(group, 'loader', clientPath('shipper'));
      await loader.request(
        'configure',
        {
          kind: 'redtail',
          url: server.url,
          token: KEYS.ingest,
          batchMax: 1000,
          flushMs: 0,
          maxInFlight: 2,
        },
        10_000,
      );
      const empty = await memoryOf(server);
      const emptyRss = server.process.rssBytes();
      let stored = 0;
      let payloadBytes = 0;
      for (const target of checkpoints) {
        loader.onProgress = (counters) =>
          progress(`memory run ${repeat + 1}: ${counters['accepted']} of ${target} stored`);
        const filled = await loader.request<{ accepted: number; payloadBytes: number }>(
          'fill',
          { from: stored, count: target - stored, batchSize: 1000, concurrency: 2, capMs: 180_000 },
          240_000,
        );
        stored += filled.accepted;
        payloadBytes += filled.payloadBytes;
        const usage = await memoryOf(server);
        const rss = server.process.rssBytes();
        const metrics = (await (
          await fetch(`${server.url}/logs/metrics`, {
            headers: { authorization: `Bearer ${KEYS.admin}` },
          })
        ).json()) as { storedEntries: number };
        const heapGrowth = usage.heapUsed - empty.heapUsed;
        const rssPerEntry = (rss - emptyRss) / metrics.storedEntries;
        const payloadPerEntry = payloadBytes / stored;
        const checkpoint: Checkpoint = {
          stored: metrics.storedEntries,
          rss: rss / MiB,
          heapUsed: usage.heapUsed / MiB,
          external: usage.external / MiB,
          rssPerEntry,
          heapPerEntry: heapGrowth / metrics.storedEntries,
          payloadPerEntry,
          ratio: rssPerEntry / payloadPerEntry,
        };
        runs.set(target, [...(runs.get(target) ?? []), checkpoint]);
      }
      await loader.stop();
      await server.process.stop();
    }
    const last = checkpoints[checkpoints.length - 1];
    const ratio = summarize((runs.get(last) ?? []).map((run) => run.ratio)).median;
    return {
      settings: { repeats: options.repeats, checkpoints: checkpoints.join(' / ') },
      figures: FIGURES,
      rows: checkpoints.map((target) => {
        const figures: Record<string, ReturnType<typeof summarize>> = {};
        for (const key of Object.keys(FIGURES) as (keyof Checkpoint)[]) {
          figures[key] = summarize((runs.get(target) ?? []).map((run) => run[key]));
        }
        return { system: 'redtail', params: { entries: target }, figures };
      }),
      targets: [
        {
          target: `≤ ${TARGET_RATIO}× payload bytes per stored entry at ${last.toLocaleString('en')} entries`,
          met: ratio <= TARGET_RATIO,
          detail: `RSS growth per entry is ${ratio.toFixed(2)}× the payload`,
        },
      ],
      notes: [
        'RSS growth is the honest figure: sealed entries live outside the JS heap, in an arena ' +
          'reserved up front (LOG_MAX_BYTES, here 2 GiB, hence "external") whose pages only count ' +
          'once touched; heapPerEntry is the JS heap growth alone.',
      ],
    };
  },
);
