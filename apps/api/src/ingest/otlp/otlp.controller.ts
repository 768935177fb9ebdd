import { Body, Controller, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Env } from '../../app/env';
import { Roles } from '../../auth/roles.decorator';
import { ReadBody } from '../../body/read-body.decorator';
import { LogService } from '../../logs/log.service';
import { OTLP_BODY } from '../door-bodies';
import { boundServiceOf } from '../door-request';
import { assertEntryLimit } from '../entry-limit';
import { decodeOtlpJson, decodeOtlpProtobuf } from './otlp-decoder';
import { exportResponse, isProtobufRequest } from './otlp-encoding';
import { OtlpErrorFilter } from './otlp-error.filter';
import { otlpToLogInput } from './otlp-mapper';

/**
 * OTLP/HTTP logs: what OpenTelemetry SDKs, the Collector and Alloy export to `/v1/logs`.
 * Not in the OpenAPI document: it speaks its protocol to that protocol's clients
 * (docs/ingest.md).
 */
@ApiExcludeController()
@Controller('v1')
@UseFilters(OtlpErrorFilter)
export class OtlpController {
  constructor(
    private readonly pipeline: LogService,
    private readonly env: Env,
  ) {}

  @Post('logs')
  @Roles('ingest')
  @ReadBody(OTLP_BODY)
  @HttpCode(200)
  async export(
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const protobuf = isProtobufRequest(request);
    const records = protobuf ? decodeOtlpProtobuf(body as Buffer) : decodeOtlpJson(body);
    assertEntryLimit(records.length, this.env, 'log records');
    const result = await this.pipeline.ingestEntries(records.map(otlpToLogInput), {
      door: 'otlp',
      forcedService: boundServiceOf(request),
    });
    const answer = exportResponse(result, protobuf);
    if (Buffer.isBuffer(answer)) {
      response.status(200).type('application/x-protobuf').send(answer);
    } else {
      response.status(200).json(answer);
    }
  }
}
