import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { BatchResult } from '@redtail/contracts';
import type { Request, Response } from 'express';
import { Env } from '../../app/env';
import { Public, Roles } from '../../auth/roles.decorator';
import { ReadBody } from '../../body/read-body.decorator';
import { LogService } from '../../logs/log.service';
import { MALFORMED } from '../../logs/request-body';
import { BULK_BODY } from '../door-bodies';
import { boundServiceOf } from '../door-request';
import { assertEntryLimit } from '../entry-limit';
import { type BulkItem, parseBulk } from './bulk-parser';
import { bulkResponse, type PlannedItem } from './bulk-response';
import { documentToLogInput } from './document-mapper';
import { ElasticsearchErrorFilter } from './elasticsearch-error.filter';
import {
  ELASTIC_PRODUCT,
  ELASTIC_PRODUCT_HEADER,
  infoDocument,
  isElasticsearchRequest,
  responseType,
} from './elasticsearch-request';
import { isValidIndexName, serviceOfIndex } from './index-name';

const NOTHING_INGESTED: BatchResult = { accepted: 0, rejected: 0, ids: [], errors: [] };
const ALL_SHARDS = { _shards: { total: 1, successful: 1, failed: 0 } };

/**
 * Elasticsearch's bulk API and what its clients call around it (`GET /` for the node's info,
 * `_refresh` after a flush), for pino-elasticsearch, the official clients, Fluent Bit, Vector
 * and Filebeat. Documents become entries; nothing is indexed or searchable the Elasticsearch way.
 * Not in the OpenAPI document: it speaks its protocol to that protocol's clients
 * (docs/ingest.md).
 */
@ApiExcludeController()
@Controller()
@UseFilters(ElasticsearchErrorFilter)
export class ElasticsearchController {
  constructor(
    private readonly pipeline: LogService,
    private readonly env: Env,
  ) {}

  /** Public like a load balancer's ping: the document names Redtail and a version, nothing else. */
  @Get()
  @Public()
  info(@Req() request: Request, @Res() response: Response): void {
    if (!isElasticsearchRequest(request.headers)) throw new NotFoundException('Cannot GET /');
    this.answer(request, response, 200, infoDocument(request.headers));
  }

  @Post(['_bulk', ':index/_bulk'])
  @Roles('ingest')
  @ReadBody(BULK_BODY)
  @HttpCode(200)
  async bulk(
    @Body() body: string,
    @Param('index') pathIndex: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const started = performance.now();
    const items = parseBulk(body);
    assertEntryLimit(items.length, this.env, 'bulk actions');
    const planned = items.map((item) => plan(item, pathIndex));
    const inputs = planned.flatMap((item) => (item.input === undefined ? [] : [item.input]));
    const result =
      inputs.length === 0
        ? NOTHING_INGESTED
        : await this.pipeline.ingestEntries(inputs, {
            door: 'elasticsearch',
            forcedService: boundServiceOf(request),
          });
    const took = Math.round(performance.now() - started);
    this.answer(request, response, 200, bulkResponse(planned, result, took));
  }

  /** Elasticsearch takes PUT for bulk too. */
  @Put(['_bulk', ':index/_bulk'])
  @Roles('ingest')
  @ReadBody(BULK_BODY)
  @HttpCode(200)
  bulkPut(
    @Body() body: string,
    @Param('index') pathIndex: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.bulk(body, pathIndex, request, response);
  }

  /** Entries are readable the moment they are stored; pino-elasticsearch calls this after each flush. */
  @Get(['_refresh', ':index/_refresh'])
  @Roles('ingest')
  refresh(@Req() request: Request, @Res() response: Response): void {
    this.answer(request, response, 200, ALL_SHARDS);
  }

  /** The official clients refresh with POST when they send a body, GET otherwise. */
  @Post(['_refresh', ':index/_refresh'])
  @Roles('ingest')
  refreshPost(@Req() request: Request, @Res() response: Response): void {
    this.refresh(request, response);
  }

  private answer(request: Request, response: Response, status: number, body: object): void {
    response
      .status(status)
      .setHeader(ELASTIC_PRODUCT_HEADER, ELASTIC_PRODUCT)
      .type(responseType(request.headers));
    if (request.method === 'HEAD') response.end();
    else response.send(JSON.stringify(body));
  }
}

/** The index an action writes to (its own `_index`, else the URL's), checked as Elasticsearch would. */
function plan(item: BulkItem, pathIndex: string | undefined): PlannedItem {
  const named = item.index ?? pathIndex;
  if (named === undefined) {
    return { action: item.action, index: undefined, error: invalid('index is missing') };
  }
  if (typeof named !== 'string' || !isValidIndexName(named)) {
    return {
      action: item.action,
      index: undefined,
      error: {
        status: 400,
        type: 'invalid_index_name_exception',
        reason: 'Invalid index name: lower case, without \\ / * ? " < > | , # : or spaces',
      },
    };
  }
  if (item.action === 'update' || item.action === 'delete') {
    return {
      action: item.action,
      index: named,
      error: invalid(`${item.action} is not supported: Redtail never changes a stored entry`),
    };
  }
  const document = item.document;
  return {
    action: item.action,
    index: named,
    input:
      document === MALFORMED || document === undefined
        ? MALFORMED
        : documentToLogInput(document, serviceOfIndex(named)),
  };
}

function invalid(reason: string) {
  return { status: 400, type: 'action_request_validation_exception', reason };
}
