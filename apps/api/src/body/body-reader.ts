import { BadRequestException, HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';
import {
  createBrotliDecompress,
  createGunzip,
  createInflate,
  type BrotliDecompress,
  type Gunzip,
  type Inflate,
} from 'node:zlib';
import { parseJsonBody } from './json-body';
import { tooLarge, type BodyLimit } from './body-limit';
import { isUtf8, mediaTypeOf } from './media-type';
import type { AcceptedType, BodySpec } from './read-body.decorator';
import { uncompressSnappyBlock } from './snappy-block';

type Decoder = Gunzip | Inflate | BrotliDecompress;

const STREAM_DECODERS: Readonly<Record<string, () => Decoder>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

const ENCODINGS = 'gzip, deflate, br, snappy or none';

/**
 * Reads a request body as its route declares: checks the media type, undoes the
 * Content-Encoding (and the snappy a format implies), holds the body and its decompressed form
 * to the route's limit, then hands over JSON, text or bytes. Every refusal is an HttpException
 * whose message names the rule broken and never quotes the body.
 */
export async function readBody(
  request: IncomingMessage,
  spec: BodySpec,
  limit: BodyLimit,
): Promise<unknown> {
  if (spec.empty === 'empty-object' && hasNoBody(request)) return {};
  const media = mediaTypeOf(request.headers);
  const accepted = media && acceptedType(spec, media.type);
  if (!media || !accepted) {
    throw await afterDraining(request, new UnsupportedMediaTypeException(spec.refusal));
  }
  if (accepted.format !== 'bytes' && !isUtf8(media)) {
    throw await afterDraining(
      request,
      new UnsupportedMediaTypeException('JSON and NDJSON bodies must be UTF-8 (charset=utf-8)'),
    );
  }
  const encoding = contentEncoding(request);
  if (encoding !== 'identity' && encoding !== 'snappy' && !STREAM_DECODERS[encoding]) {
    throw await afterDraining(
      request,
      new UnsupportedMediaTypeException(`Unsupported Content-Encoding: send ${ENCODINGS}`),
    );
  }
  let body = await collect(request, limit, STREAM_DECODERS[encoding]?.());
  if (encoding === 'snappy' || accepted.compressed === 'snappy') {
    body = uncompressSnappyBlock(body, limit);
  }
  if (body.length === 0) {
    if (spec.empty === 'empty-object') return {};
    if (spec.empty === 'refuse' || accepted.format === 'json') {
      throw new BadRequestException('Request body is empty');
    }
  }
  switch (accepted.format) {
    case 'json':
      return parseJsonBody(body.toString('utf8'));
    case 'text':
      return body.toString('utf8');
    case 'bytes':
      return body;
  }
}

/** Nothing announced: no length (or zero) and no chunked body. Such a request has no media type. */
function hasNoBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length === undefined || Number(length) === 0) && !request.headers['transfer-encoding'];
}

function acceptedType(spec: BodySpec, type: string): AcceptedType | undefined {
  const accepted = spec.types[type];
  if (accepted === undefined) return undefined;
  return typeof accepted === 'string' ? { format: accepted } : accepted;
}

function contentEncoding(request: IncomingMessage): string {
  const header = request.headers['content-encoding'];
  return header ? header.trim().toLowerCase() || 'identity' : 'identity';
}

/**
 * Collects the body (decoded when `decoder` is given), refusing it as soon as either the bytes
 * received or the bytes decoded pass the limit: a body larger than announced, or a small gzip
 * that inflates without end, costs at most `limit` bytes of memory.
 */
function collect(request: IncomingMessage, limit: BodyLimit, decoder?: Decoder): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit.bytes) {
    return afterDraining(request, tooLarge(limit)).then((error) => Promise.reject(error));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const fail = (error: HttpException) => {
      if (settled) return;
      settled = true;
      if (decoder) {
        request.unpipe(decoder);
        decoder.destroy();
      }
      void afterDraining(request, error).then(reject);
    };
    const output = decoder ?? request;
    if (decoder) {
      request.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit.bytes) fail(tooLarge(limit));
      });
    }
    output.on('data', (chunk: Buffer) => {
      if (settled) return;
      decoded += chunk.length;
      if (decoded > limit.bytes) {
        fail(tooLarge(limit, decoder ? 'after decompression' : undefined));
        return;
      }
      chunks.push(chunk);
    });
    output.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, decoded));
    });
    request.on('error', () => fail(new BadRequestException('Request body was cut short')));
    request.on('close', () => {
      if (!request.complete) fail(new BadRequestException('Request body was cut short'));
    });
    if (decoder) {
      decoder.on('error', () =>
        fail(new BadRequestException(`Body is not valid ${contentEncoding(request)} data`)),
      );
      request.pipe(decoder);
    }
  });
}

/**
 * Reads off what is left of the body before the refusal is sent, as body-parser does: a client
 * still writing would otherwise see its connection reset instead of the answer.
 */
async function afterDraining(
  request: IncomingMessage,
  error: HttpException,
): Promise<HttpException> {
  if (!request.readableEnded) {
    request.resume();
    await finished(request).catch(() => undefined);
  }
  return error;
}
