import { context, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  LoggerProvider,
  BatchLogRecordProcessor,
  type LogRecordExporter,
} from '@opentelemetry/sdk-logs';
import type { LogEntry } from '@redtail/contracts';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import { RpcStatus } from '../src/ingest/otlp/otlp-proto';
import { postBytes, waitForEntries } from './support/ingest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const TRACE_ID = '4BF92F3577B34DA6A3CE929D0E0E4736';
const SPAN_ID = '00F067AA0BA902B7';

/** Emits the same two records through a real OpenTelemetry LoggerProvider and `exporter`. */
async function emitThrough(exporter: LogRecordExporter): Promise<void> {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({
      'service.name': 'checkout',
      'deployment.environment': 'production',
    }),
    processors: [new BatchLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('payments', '1.4.0');
  const spanContext = trace.setSpanContext(context.active(), {
    traceId: TRACE_ID.toLowerCase(),
    spanId: SPAN_ID.toLowerCase(),
    traceFlags: TraceFlags.SAMPLED,
  });
  logger.emit({
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: 'card declined for jane.doe@example.com',
    attributes: { 'user.email': 'jane.doe@example.com', 'order.id': 42, retried: true },
    timestamp: new Date('2026-12-01T10:00:00.123Z'),
    context: spanContext,
  });
  logger.emit({
    severityNumber: SeverityNumber.ERROR2,
    body: { event: 'refund', amount: 12.5 },
    timestamp: new Date('2026-12-01T10:00:01.000Z'),
  });
  await provider.forceFlush();
  await provider.shutdown();
}

function expectMapped([warn, error]: LogEntry[]): void {
  expect(warn).toMatchObject({
    level: 'warn',
    service: 'checkout',
    timestamp: '2026-12-01T10:00:00.123Z',
    traceId: TRACE_ID.toLowerCase(),
    spanId: SPAN_ID.toLowerCase(),
    context: {
      'order.id': 42,
      retried: true,
      scope: 'payments',
      resource: { 'deployment.environment': 'production' },
    },
  });
  expect(warn.message).toMatch(/^card declined for /);
  expect(JSON.stringify(warn)).not.toContain('jane.doe@example.com');
  expect(warn.masked).toMatchObject({ EMAIL: 2 });
  expect(error).toMatchObject({
    level: 'error',
    service: 'checkout',
    message: '{"event":"refund","amount":12.5}',
    timestamp: '2026-12-01T10:00:01.000Z',
  });
  expect(error.traceId).toBeUndefined();
}

describe('OTLP/HTTP logs door (POST /v1/logs) with the OpenTelemetry JS SDK', () => {
  let running: RunningApp;

  beforeEach(async () => {
    running = await startApp(KEY_ENV);
  });
  afterEach(() => running.close());

  const exporters: [string, () => LogRecordExporter][] = [
    [
      'exporter-logs-otlp-proto (protobuf)',
      () =>
        new OtlpProtoExporter({
          url: `${running.url}/v1/logs`,
          headers: bearer(KEYS.ingest),
        }),
    ],
    [
      'exporter-logs-otlp-proto (protobuf, gzip)',
      () =>
        new OtlpProtoExporter({
          url: `${running.url}/v1/logs`,
          headers: bearer(KEYS.ingest),
          compression: CompressionAlgorithm.GZIP,
        }),
    ],
    [
      'exporter-logs-otlp-http (JSON)',
      () =>
        new OtlpHttpJsonExporter({
          url: `${running.url}/v1/logs`,
          headers: bearer(KEYS.ingest),
        }),
    ],
    [
      'exporter-logs-otlp-http (JSON, gzip)',
      () =>
        new OtlpHttpJsonExporter({
          url: `${running.url}/v1/logs`,
          headers: bearer(KEYS.ingest),
          compression: CompressionAlgorithm.GZIP,
        }),
    ],
  ];

  it.each(exporters)(
    'stores each record of %s once, masked, with level, service, time, trace ids and attributes',
    async (_name, makeExporter) => {
      const exported: number[] = [];
      const exporter = makeExporter();
      const export_ = exporter.export.bind(exporter);
      exporter.export = (records, done) =>
        export_(records, (result) => {
          exported.push(result.code);
          done(result);
        });
      await emitThrough(exporter);
      expect(exported).toEqual([0]);
      const entries = await waitForEntries(running.url, 2, { token: KEYS.admin });
      expect(entries).toHaveLength(2);
      expectMapped(entries);
    },
  );

  it('files everything under the service an ingest key is bound to', async () => {
    await emitThrough(
      new OtlpProtoExporter({
        url: `${running.url}/v1/logs`,
        headers: bearer(KEYS.boundIngest),
      }),
    );
    const entries = await waitForEntries(running.url, 2, { token: KEYS.admin });
    expect(entries.map((entry) => entry.service)).toEqual(['checkout', 'checkout']);
  });
});

describe('OTLP/HTTP logs door: refusals', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
  });
  afterAll(() => running.close());

  const post = (body: string | Buffer, type: string) =>
    request(running.url)
      .post('/v1/logs')
      .set(bearer(KEYS.ingest))
      .set('content-type', type)
      .send(body);

  it('answers a protobuf body that does not decode with 400, as a protobuf Status', async () => {
    const response = await postBytes(
      running.url,
      '/v1/logs',
      { ...bearer(KEYS.ingest), 'content-type': 'application/x-protobuf' },
      Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]),
    );
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/x-protobuf');
    expect(RpcStatus.toObject(RpcStatus.decode(response.body))).toEqual({
      code: 3,
      message: 'Body is not a valid OTLP ExportLogsServiceRequest (protobuf)',
    });
  });

  it('names the position of a misplaced JSON field, never its content', async () => {
    const body = JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            { logRecords: [{ body: { stringValue: 'x' } }, { traceId: 'jane@example.com' }] },
          ],
        },
      ],
    });
    const response = await post(body, 'application/json').expect(400);
    expect(response.body).toEqual({
      code: 3,
      message: 'resourceLogs[0].scopeLogs[0].logRecords[1].traceId: must be 32 hex digits',
    });
  });

  it('answers invalid JSON with the byte where it breaks', async () => {
    const response = await post('{"resourceLogs": [jane@example.com]}', 'application/json').expect(
      400,
    );
    expect(response.body.message).toBe('Body is not valid JSON (at byte 18)');
  });

  it('reports records the pipeline refuses as a partial success, by position', async () => {
    const body = JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { body: { stringValue: 'kept' } },
                {
                  body: { stringValue: 'refused' },
                  attributes: [{ key: '__proto__', value: { stringValue: 'x' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const response = await post(body, 'application/json').expect(200);
    expect(response.body.partialSuccess.rejectedLogRecords).toBe('1');
    expect(response.body.partialSuccess.errorMessage).toMatch(
      /^1 of 2 log records rejected \(the others were stored\): log record 1: /,
    );
  });

  it('answers a gzip bomb with 413 before inflating it all', async () => {
    const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
    const response = await postBytes(
      running.url,
      '/v1/logs',
      { ...bearer(KEYS.ingest), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      bomb,
    );
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body.toString()).message).toBe(
      'Request body is larger than LOG_MAX_BULK_BODY (16777216 bytes) after decompression; send smaller batches',
    );
  });

  it('answers 401 before reading the body of a request without a key', async () => {
    const response = await request(running.url)
      .post('/v1/logs')
      .set('content-type', 'application/json')
      .send('jane.doe@example.com')
      .expect(401);
    expect(JSON.stringify(response.body)).not.toContain('jane');
  });

  it('answers 503 with Retry-After during a lockdown, so exporters retry later', async () => {
    await request(running.url)
      .post('/logs/panic')
      .set(bearer(KEYS.admin))
      .send({ lockdown: true })
      .expect(200);
    const response = await post('{"resourceLogs":[]}', 'application/json').expect(503);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.body.code).toBe(14);
    await request(running.url).post('/logs/resume').set(bearer(KEYS.admin)).send({}).expect(200);
  });
});
