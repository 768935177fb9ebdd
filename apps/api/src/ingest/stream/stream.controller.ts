import {
  BadRequestException,
  Controller,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { STREAM_ID_HEADER, STREAM_ID_PATTERN, STREAM_START_HEADER } from '@redtail/contracts';
import type { Request, Response } from 'express';
import { ApiError, ApiRetryLater } from '../../app/error-body.dto';
import type { AuthenticatedRequest } from '../../auth/authenticated-request';
import { Roles } from '../../auth/roles.decorator';
import { isUtf8, mediaTypeOf } from '../../body/media-type';
import { boundServiceOf } from '../door-request';
import { IngestStreams } from './ingest-streams';

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson']);

/**
 * `POST /logs/stream`: one long request whose NDJSON lines are stored as they arrive, answered
 * by a stream of acknowledgements (docs/api.md). Takes no `@ReadBody`: the body is read line
 * by line by `IngestStream`, after the guards, like every other body.
 */
@ApiTags('logs')
@Controller('logs')
export class StreamController {
  constructor(private readonly streams: IngestStreams) {}

  @Post('stream')
  @Roles('ingest')
  @ApiOperation({
    summary: 'Stream NDJSON entries over one long request; acknowledgements stream back',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiHeader({
    name: STREAM_ID_HEADER,
    required: false,
    description:
      'The client’s name for this stream (1–64 of A–Z a–z 0–9 . _ : -). With it, a reconnect that sends again from its last ack gets no duplicate: the server remembers, for 10 minutes, the last line of each stream it stored.',
  })
  @ApiHeader({
    name: STREAM_START_HEADER,
    required: false,
    description: 'Number of the first line of this request (default 1); each line counts one.',
  })
  @ApiBody({
    description: 'NDJSON, chunked: one entry per line, as POST /logs/batch takes them.',
    schema: { type: 'string', example: '{"level":"info","message":"hello"}\n' },
  })
  @ApiOkResponse({
    description:
      'NDJSON records as lines are done: `{"ack":n}` (every line up to n is stored or rejected), `{"rejected":{"line":n,"reason":"…"}}`, and a last `{"error":"locked"|"panic"|"idle"|…,"message":"…","retryAfter":s}` when the server ends the stream.',
    content: {
      'application/x-ndjson': {
        schema: {
          type: 'string',
          example: '{"ack":2}\n{"rejected":{"line":3,"reason":"malformed JSON"}}\n{"ack":3}\n',
        },
      },
    },
  })
  @ApiError(400, `${STREAM_ID_HEADER} or ${STREAM_START_HEADER} is malformed.`)
  @ApiError(415, 'The body is not NDJSON, or is compressed.')
  @ApiRetryLater('Ingestion is locked down after a panic: connect again after Retry-After.')
  async stream(@Req() request: Request, @Res() response: Response): Promise<void> {
    const media = mediaTypeOf(request.headers);
    if (!media || !NDJSON_TYPES.has(media.type) || !isUtf8(media)) {
      throw new UnsupportedMediaTypeException('Content-Type must be application/x-ndjson (UTF-8)');
    }
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') {
      throw new UnsupportedMediaTypeException('Send the stream without Content-Encoding');
    }
    await this.streams.start({
      request,
      response,
      actor: (request as Partial<AuthenticatedRequest>).identity?.name ?? 'anonymous',
      streamId: streamIdOf(request),
      firstLine: firstLineOf(request),
      forcedService: boundServiceOf(request),
    });
  }
}

function streamIdOf(request: Request): string | undefined {
  const id = request.headers[STREAM_ID_HEADER.toLowerCase()];
  if (id === undefined) return undefined;
  if (typeof id !== 'string' || !STREAM_ID_PATTERN.test(id)) {
    throw headerProblem(STREAM_ID_HEADER, 'must be 1-64 of A-Z a-z 0-9 . _ : -');
  }
  return id;
}

function firstLineOf(request: Request): number {
  const start = request.headers[STREAM_START_HEADER.toLowerCase()];
  if (start === undefined) return 1;
  const line = typeof start === 'string' && /^\d{1,15}$/.test(start) ? Number(start) : 0;
  if (line < 1) throw headerProblem(STREAM_START_HEADER, 'must be a whole number of at least 1');
  return line;
}

function headerProblem(field: string, reason: string): BadRequestException {
  return new BadRequestException({
    error: 'Bad Request',
    message: `${field}: ${reason}`,
    errors: [{ field, reason }],
  });
}
