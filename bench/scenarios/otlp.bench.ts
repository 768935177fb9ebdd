import { SeverityNumber } from '@opentelemetry/api-logs';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import type { LoadRequest, LoadResult } from '../clients/autocannon.client';
import { benchEntry, type BenchEntry } from '@redtail/testing';
import { forkClient } from '../support/processes';
import { progress } from '../support/progress';
import { keysOf, runScenario, summaryRow } from '../support/scenario';
import { cpuTimeOf, KEYS, startRedtail, type RunningServer } from '../support/servers';
import { summarize } from '../support/stats';
import { clientPath } from '../support/stream';

const BATCH = 1000;
const BODIES = 10;
const CONNECTIONS = 4;
const FIGURES = {
  entriesPerSecond: 'entries/s',
  stored: '%',
  latencyP99: 'ms',
  serverCpuPerEntry: 'µs',
  bodyBytesPerEntry: 'B',
  failedRequests: 'requests',
} as const;

interface DoorFigures {
  entriesPerSecond: number;
  stored: number;
  latencyP99: number;
  serverCpuPerEntry: number;
  bodyBytesPerEntry: number;
  failedRequests: number;
}

const SEVERITY: Record<BenchEntry['level'], SeverityNumber> = {
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
};

runScenario(
  {
    scenario: 'otlp',
    title: 'OTLP protobuf batches against /logs/batch',
    description:
      `autocannon in a child process, ${CONNECTIONS} connections, against one Redtail: ` +
      `batches of ${BATCH} of the same ~200-byte entries, as NDJSON to POST /logs/batch and as ` +
      'the OpenTelemetry JS SDK serialises them (ExportLogsServiceRequest protobuf, one resource ' +
      'per service) to POST /v1/logs. Both doors run in the same process, alternating, in the ' +
      'same run. "stored" is what the server counted as received, as a share of the entries ' +
      'sent in 2xx requests; serverCpuPerEntry is the server process’s CPU time per stored entry.',
  },
  async ({ options, group }) => {
    const redtail = await startRedtail(group);
    const loader = forkClient(group, 'autocannon', clientPath('autocannon'));
    const doors: Record<string, LoadRequest[]> = {
      'logs-batch-ndjson': Array.from({ length: BODIES }, (_, body) => ({
        method: 'POST',
        path: '/logs/batch',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEYS.ingest}` },
        body: ndjson(body * BATCH),
      })),
      'otlp-protobuf': await Promise.all(
        Array.from({ length: BODIES }, async (_, body) => ({
          method: 'POST' as const,
          path: '/v1/logs',
          headers: {
            'content-type': 'application/x-protobuf',
            authorization: `Bearer ${KEYS.ingest}`,
          },
          body: (await otlpProtobuf(body * BATCH)).toString('base64'),
          bodyEncoding: 'base64' as const,
        })),
      ),
    };

    const measure = async (door: string, seconds: number): Promise<DoorFigures> => {
      const requests = doors[door];
      const before = await totalReceived(redtail);
      const cpuBefore = await cpuTimeOf(redtail);
      loader.onProgress = (counters) =>
        progress(`${door}: ${(counters['perSecond'] ?? 0) * BATCH} entries/s`);
      const load = await loader.request<LoadResult>(
        'run',
        { url: redtail.url, connections: CONNECTIONS, seconds, requests },
        (seconds + 30) * 1000,
      );
      const stored = (await totalReceived(redtail)) - before;
      const cpu = (await cpuTimeOf(redtail)) - cpuBefore;
      const sent = load.ok * BATCH;
      const bytes = requests.reduce((sum, request) => sum + bodyBytes(request), 0);
      return {
        entriesPerSecond: sent / seconds,
        stored: sent > 0 ? (stored / sent) * 100 : 0,
        latencyP99: load.latencyP99,
        serverCpuPerEntry: stored > 0 ? cpu / stored : 0,
        bodyBytesPerEntry: bytes / (requests.length * BATCH),
        failedRequests: load.non2xx + load.errors + load.timeouts,
      };
    };

    const names = Object.keys(doors);
    for (const door of names) await measure(door, options.quick ? 1 : 2);
    const runs = new Map<string, DoorFigures[]>();
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      const order = repeat % 2 === 0 ? names : [...names].reverse();
      for (const door of order) {
        runs.set(door, [...(runs.get(door) ?? []), await measure(door, options.seconds)]);
      }
    }
    const median = (door: string, key: keyof DoorFigures) =>
      summarize((runs.get(door) ?? []).map((run) => run[key])).median;
    const ratio =
      median('otlp-protobuf', 'entriesPerSecond') / median('logs-batch-ndjson', 'entriesPerSecond');
    // Requests still in flight when autocannon stops are stored too, so "stored" may pass 100 %.
    const everyEntryStored = [...runs.values()]
      .flat()
      .every((run) => run.stored >= 100 && run.failedRequests === 0);
    return {
      settings: {
        secondsPerRun: options.seconds,
        repeats: options.repeats,
        connections: CONNECTIONS,
        batch: BATCH,
      },
      figures: FIGURES,
      rows: names.map((door) => summaryRow(door, {}, runs.get(door) ?? [], keysOf(FIGURES))),
      targets: [
        {
          target: 'Every entry sent over either door is stored, no request fails',
          met: everyEntryStored,
          detail: everyEntryStored
            ? 'every run ≥ 100 % stored'
            : 'some entries or requests were lost',
        },
      ],
      notes: [
        `The OTLP protobuf door takes ${(ratio * 100).toFixed(0)} % of /logs/batch's entries/s ` +
          `(${median('otlp-protobuf', 'entriesPerSecond').toFixed(0)} against ` +
          `${median('logs-batch-ndjson', 'entriesPerSecond').toFixed(0)}); server CPU per entry ` +
          `${median('otlp-protobuf', 'serverCpuPerEntry').toFixed(1)} µs against ` +
          `${median('logs-batch-ndjson', 'serverCpuPerEntry').toFixed(1)} µs: protobuf decoding and ` +
          'the mapping to entries, on top of the same pipeline.',
      ],
    };
  },
);

async function totalReceived(server: RunningServer): Promise<number> {
  const response = await fetch(`${server.url}/logs/metrics`, {
    headers: { authorization: `Bearer ${KEYS.admin}` },
  });
  return ((await response.json()) as { totalReceived: number }).totalReceived;
}

function bodyBytes(request: LoadRequest): number {
  return request.bodyEncoding === 'base64'
    ? Buffer.byteLength(request.body, 'base64')
    : Buffer.byteLength(request.body);
}

function ndjson(from: number): string {
  const lines: string[] = [];
  for (let index = from; index < from + BATCH; index++)
    lines.push(JSON.stringify(benchEntry(index)));
  return `${lines.join('\n')}\n`;
}

/** The same entries through the real SDK: one LoggerProvider per service, serialised as exporters do. */
async function otlpProtobuf(from: number): Promise<Buffer> {
  const exporter = new InMemoryLogRecordExporter();
  const providers = new Map<string, LoggerProvider>();
  for (let index = from; index < from + BATCH; index++) {
    const entry = benchEntry(index);
    let provider = providers.get(entry.service);
    if (!provider) {
      provider = new LoggerProvider({
        resource: resourceFromAttributes({ 'service.name': entry.service }),
        processors: [new SimpleLogRecordProcessor({ exporter })],
      });
      providers.set(entry.service, provider);
    }
    provider.getLogger('bench').emit({
      severityNumber: SEVERITY[entry.level],
      severityText: entry.level.toUpperCase(),
      body: entry.message,
      attributes: entry.context as Record<string, string | number>,
    });
  }
  await Promise.all([...providers.values()].map((provider) => provider.forceFlush()));
  const serialized = ProtobufLogsSerializer.serializeRequest(exporter.getFinishedLogRecords());
  if (!serialized) throw new Error('the OTLP serializer produced nothing');
  return Buffer.from(serialized);
}
