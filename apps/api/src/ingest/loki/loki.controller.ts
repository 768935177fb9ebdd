import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Post,
  Req,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Env } from '../../app/env';
import { Roles } from '../../auth/roles.decorator';
import { mediaTypeOf } from '../../body/media-type';
import { ReadBody } from '../../body/read-body.decorator';
import { LogService } from '../../logs/log.service';
import { LOKI_BODY } from '../door-bodies';
import { boundServiceOf } from '../door-request';
import { describeRejections } from '../rejections';
import { assertEntryLimit } from '../entry-limit';
import { decodeLokiJson, decodeLokiProtobuf } from './loki-decoder';
import { LokiErrorFilter } from './loki-error.filter';
import { lokiToLogInput } from './loki-mapper';

/**
 * Loki's push API: what pino-loki, winston-loki, Promtail, Alloy, Fluent Bit and Vector send.
 * Not in the OpenAPI document: it speaks its protocol to that protocol's clients
 * (docs/ingest.md).
 */
@ApiExcludeController()
@Controller('loki/api/v1')
@UseFilters(LokiErrorFilter)
export class LokiController {
  constructor(
    private readonly pipeline: LogService,
    private readonly env: Env,
  ) {}

  @Post('push')
  @Roles('ingest')
  @ReadBody(LOKI_BODY)
  @HttpCode(204)
  async push(@Body() body: unknown, @Req() request: Request): Promise<void> {
    const protobuf = mediaTypeOf(request.headers)?.type === 'application/x-protobuf';
    const entries = protobuf ? decodeLokiProtobuf(body as Buffer) : decodeLokiJson(body);
    assertEntryLimit(entries.length, this.env, 'lines');
    const result = await this.pipeline.ingestEntries(entries.map(lokiToLogInput), {
      door: 'loki',
      forcedService: boundServiceOf(request),
    });
    // As Loki does: the good lines are kept, and a 400 (which shippers do not retry) says which
    // were not, so they are neither lost silently nor sent twice.
    if (result.rejected > 0) throw new BadRequestException(describeRejections(result, 'line'));
  }
}
