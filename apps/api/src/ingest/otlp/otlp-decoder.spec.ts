import { BadRequestException } from '@nestjs/common';
import { decodeOtlpJson, decodeOtlpProtobuf } from './otlp-decoder';
import { ExportLogsServiceRequest } from './otlp-proto';

const REQUEST = {
  resourceLogs: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      scopeLogs: [
        {
          scope: { name: 'lib' },
          logRecords: [
            {
              timeUnixNano: '1764000000123456789',
              severityNumber: 13,
              severityText: 'WARN',
              body: {
                kvlistValue: { values: [{ key: 'n', value: { intValue: '9007199254740993' } }] },
              },
              attributes: [
                { key: 'ok', value: { boolValue: true } },
                { key: 'ratio', value: { doubleValue: 0.5 } },
                {
                  key: 'list',
                  value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 2 }] } },
                },
                { key: 'raw', value: { bytesValue: 'AQI=' } },
                { key: 'empty', value: {} },
              ],
              traceId: '4BF92F3577B34DA6A3CE929D0E0E4736',
              spanId: '00f067aa0ba902b7',
            },
          ],
        },
      ],
    },
  ],
};

const DECODED = {
  resource: { 'service.name': 'svc' },
  scope: 'lib',
  time: '1764000000123456789',
  observedTime: undefined,
  severityNumber: 13,
  severityText: 'WARN',
  body: { n: '9007199254740993' },
  attributes: { ok: true, ratio: 0.5, list: ['a', 2], raw: 'AQI=', empty: null },
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  eventName: undefined,
};

describe('OTLP decoding', () => {
  it('reads OTLP JSON', () => {
    expect(decodeOtlpJson(REQUEST)).toEqual([DECODED]);
  });

  it('reads the same request in protobuf, ids as bytes', () => {
    const message = ExportLogsServiceRequest.fromObject({
      ...REQUEST,
      resourceLogs: [
        {
          ...REQUEST.resourceLogs[0],
          scopeLogs: [
            {
              ...REQUEST.resourceLogs[0].scopeLogs[0],
              logRecords: [
                {
                  ...REQUEST.resourceLogs[0].scopeLogs[0].logRecords[0],
                  traceId: Buffer.from('4bf92f3577b34da6a3ce929d0e0e4736', 'hex'),
                  spanId: Buffer.from('00f067aa0ba902b7', 'hex'),
                  attributes: REQUEST.resourceLogs[0].scopeLogs[0].logRecords[0].attributes.map(
                    (kv) =>
                      kv.key === 'raw'
                        ? { key: 'raw', value: { bytesValue: Buffer.from([1, 2]) } }
                        : kv,
                  ),
                },
              ],
            },
          ],
        },
      ],
    });
    const bytes = Buffer.from(ExportLogsServiceRequest.encode(message).finish());
    expect(decodeOtlpProtobuf(bytes)).toEqual([DECODED]);
  });

  it.each([
    [{ resourceLogs: {} }, 'resourceLogs: must be an array'],
    [
      { resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: 'yesterday' }] }] }] },
      'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: must be epoch nanoseconds as a decimal string',
    ],
    [
      { resourceLogs: [{ scopeLogs: [{ logRecords: [{ spanId: 'abc' }] }] }] },
      'resourceLogs[0].scopeLogs[0].logRecords[0].spanId: must be 16 hex digits',
    ],
    [
      { resourceLogs: [{ scopeLogs: [{ logRecords: [{ severityNumber: 'LOUD' }] }] }] },
      'resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber: must be a SeverityNumber',
    ],
    [
      { resourceLogs: [{ resource: { attributes: [{ key: 1 }] } }] },
      'resourceLogs[0].resource.attributes[0].key: must be a string',
    ],
  ])('names where a JSON request goes wrong: %p', (request, message) => {
    expect(() => decodeOtlpJson(request)).toThrow(new BadRequestException(message));
  });

  it('reads a protobuf record that sets nothing as empty', () => {
    const bytes = Buffer.from(
      ExportLogsServiceRequest.encode(
        ExportLogsServiceRequest.fromObject({
          resourceLogs: [{ scopeLogs: [{ logRecords: [{}] }] }],
        }),
      ).finish(),
    );
    expect(decodeOtlpProtobuf(bytes)).toEqual([
      {
        resource: {},
        scope: undefined,
        time: undefined,
        observedTime: undefined,
        severityNumber: undefined,
        severityText: undefined,
        body: undefined,
        attributes: {},
        traceId: undefined,
        spanId: undefined,
        eventName: undefined,
      },
    ]);
  });

  it('reads severity names, and drops all-zero ids', () => {
    const [record] = decodeOtlpJson({
      resourceLogs: [
        {
          scopeLogs: [
            { logRecords: [{ severityNumber: 'SEVERITY_NUMBER_ERROR3', traceId: '0'.repeat(32) }] },
          ],
        },
      ],
    });
    expect(record).toMatchObject({ severityNumber: 19, traceId: undefined });
  });

  it('cuts a body nested past any sane depth instead of recursing without end', () => {
    let value: object = { stringValue: 'leaf' };
    for (let depth = 0; depth < 50; depth += 1) value = { arrayValue: { values: [value] } };
    const [record] = decodeOtlpJson({
      resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: value }] }] }],
    });
    expect(JSON.stringify(record.body)).toContain('[nested too deep]');
  });

  it('refuses bytes that are not a request', () => {
    expect(() => decodeOtlpProtobuf(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toThrow(
      'Body is not a valid OTLP ExportLogsServiceRequest (protobuf)',
    );
  });
});
