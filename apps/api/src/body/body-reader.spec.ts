import { HttpException } from '@nestjs/common';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { compressSync } from 'snappy';
import { readBody } from './body-reader';
import type { BodySpec } from './read-body.decorator';

const SPEC: BodySpec = {
  types: {
    'application/json': 'json',
    'application/x-ndjson': 'text',
    'application/x-protobuf': { format: 'bytes', compressed: 'snappy' },
    'application/octet-stream': 'bytes',
  },
  limit: 'LOG_MAX_BULK_BODY',
  refusal: 'Content-Type must be JSON, NDJSON or protobuf',
  empty: 'refuse',
};
const LIMIT = { setting: 'LOG_MAX_BULK_BODY' as const, bytes: 64 * 1024 };

/** Reads each request with `readBody` on a real HTTP server; answers what it got or the refusal. */
describe('readBody', () => {
  let server: Server;
  let spec: BodySpec = SPEC;

  beforeAll(async () => {
    server = createServer((incoming, outgoing) => {
      readBody(incoming, spec, LIMIT).then(
        (body) =>
          outgoing.end(
            JSON.stringify({ body: Buffer.isBuffer(body) ? body.toString('base64') : body }),
          ),
        (error: HttpException) => {
          outgoing.statusCode = error.getStatus();
          outgoing.end(JSON.stringify({ message: error.message }));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  afterEach(() => {
    spec = SPEC;
  });

  function send(
    headers: Record<string, string>,
    body: Buffer | string,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const outgoing = request({ port, host: '127.0.0.1', method: 'POST', headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString()),
          }),
        );
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  const JSON_TEXT = '{"message":"hello"}';

  it.each([
    ['identity', {}, Buffer.from(JSON_TEXT)],
    ['gzip', { 'content-encoding': 'gzip' }, gzipSync(JSON_TEXT)],
    ['x-gzip', { 'content-encoding': 'x-gzip' }, gzipSync(JSON_TEXT)],
    ['deflate', { 'content-encoding': 'deflate' }, deflateSync(JSON_TEXT)],
    ['br', { 'content-encoding': 'br' }, brotliCompressSync(JSON_TEXT)],
    ['snappy', { 'content-encoding': 'snappy' }, compressSync(JSON_TEXT)],
  ])('reads a JSON body sent with %s encoding', async (_name, headers, body) => {
    const { status, json } = await send({ 'content-type': 'application/json', ...headers }, body);
    expect(status).toBe(200);
    expect(json['body']).toEqual({ message: 'hello' });
  });

  it('hands NDJSON over as text and bytes as bytes', async () => {
    expect(
      (await send({ 'content-type': 'application/x-ndjson' }, '{"a":1}\n{"a":2}\n')).json['body'],
    ).toBe('{"a":1}\n{"a":2}\n');
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect((await send({ 'content-type': 'application/octet-stream' }, bytes)).json['body']).toBe(
      bytes.toString('base64'),
    );
  });

  it('undoes the snappy a media type implies, header or not, and only once', async () => {
    const payload = Buffer.from('protobuf bytes');
    const encodings: Record<string, string>[] = [{}, { 'content-encoding': 'snappy' }];
    for (const headers of encodings) {
      const { json } = await send(
        { 'content-type': 'application/x-protobuf', ...headers },
        compressSync(payload),
      );
      expect(json['body']).toBe(payload.toString('base64'));
    }
  });

  it.each([
    [
      'declared larger than the limit',
      {},
      Buffer.alloc(LIMIT.bytes + 1, 0x20),
      'Request body is larger than LOG_MAX_BULK_BODY (65536 bytes); send smaller batches',
    ],
    [
      'inflating past the limit',
      { 'content-encoding': 'gzip' },
      gzipSync(Buffer.alloc(LIMIT.bytes * 64, 0x20)),
      'Request body is larger than LOG_MAX_BULK_BODY (65536 bytes) after decompression; send smaller batches',
    ],
    [
      'a brotli bomb',
      { 'content-encoding': 'br' },
      brotliCompressSync(Buffer.alloc(LIMIT.bytes * 64, 0x20)),
      'Request body is larger than LOG_MAX_BULK_BODY (65536 bytes) after decompression; send smaller batches',
    ],
  ])('answers a body %s with 413', async (_name, headers, body, message) => {
    const { status, json } = await send({ 'content-type': 'application/json', ...headers }, body);
    expect(status).toBe(413);
    expect(json['message']).toBe(message);
  });

  it.each([
    ['no Content-Type', {}, 415, 'Content-Type must be JSON, NDJSON or protobuf'],
    [
      'a form',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'Content-Type must be JSON, NDJSON or protobuf',
    ],
    [
      'a Content-Type that is not one',
      { 'content-type': 'json please' },
      415,
      'Content-Type must be JSON, NDJSON or protobuf',
    ],
    [
      'UTF-16 JSON',
      { 'content-type': 'application/json; charset=utf-16' },
      415,
      'JSON and NDJSON bodies must be UTF-8 (charset=utf-8)',
    ],
    [
      'an unknown encoding',
      { 'content-type': 'application/json', 'content-encoding': 'zstd' },
      415,
      'Unsupported Content-Encoding: send gzip, deflate, br, snappy or none',
    ],
    [
      'gzip that is not gzip',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      400,
      'Body is not valid gzip data',
    ],
  ])('refuses %s', async (_name, headers, status, message) => {
    const response = await send({ ...headers }, 'jane.doe@example.com');
    expect(response.status).toBe(status);
    expect(response.json['message']).toBe(message);
  });

  it.each([
    ['refuse', 400, { message: 'Request body is empty' }],
    ['empty-object', 200, { body: {} }],
  ] as const)('treats an empty JSON body as %s', async (empty, status, json) => {
    spec = { ...SPEC, empty };
    const response = await send({ 'content-type': 'application/json' }, '');
    expect(response).toEqual({ status, json });
  });

  it('passes an empty protobuf body on when the route takes it as it is', async () => {
    spec = { ...SPEC, types: { 'application/octet-stream': 'bytes' }, empty: 'as-is' };
    expect(await send({ 'content-type': 'application/octet-stream' }, '')).toEqual({
      status: 200,
      json: { body: '' },
    });
  });
});
