import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  BatchResult,
  IngestResult,
  LogContext,
  LogEntry,
  LogFieldValues,
  LogHistogram,
  LogPage,
  MetricsSnapshot,
  PanicEvent,
  ResumeResult,
} from '@redtail/contracts';
import type { Request } from 'express';
import { ApiError, ApiRetryLater } from '../app/error-body.dto';
import { addressTracker, trackerOf } from '../auth/address-budget';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { AuditService } from '../auth/audit.service';
import { RefuseCrossSite } from '../auth/cross-site.guard';
import { Roles } from '../auth/roles.decorator';
import { Scans } from '../auth/scans.decorator';
import { ReadBody } from '../body/read-body.decorator';
import { BATCH_BODY, JSON_OPTIONS_BODY, SINGLE_ENTRY_BODY } from '../body/redtail-bodies';
import { CreateLogDto } from './dto/create-log.dto';
import {
  ContextQueryDto,
  EntryQueryDto,
  FieldValuesQueryDto,
  HistogramQueryDto,
  LogQueryDto,
} from './dto/log-query.dto';
import {
  BatchResultDto,
  IngestResultDto,
  LogContextDto,
  LogEntryDto,
  LogFieldValuesDto,
  LogHistogramDto,
  LogPageDto,
  MetricsSnapshotDto,
  PanicEventDto,
  ResumeResultDto,
} from './dto/log-responses.dto';
import { PanicRequestDto } from './dto/panic-request.dto';
import { filterFromQuery } from './log-filter';
import { LogService } from './log.service';
import type { Awaitable } from './ports/awaitable';

/**
 * HTTP in, LogService out. Ingest bodies are typed `unknown` on purpose: the
 * global ValidationPipe skips them and LogService validates them with the
 * compiled schema, which is far cheaper on the hot path.
 */
const LOCKED_OR_AWAY =
  'Ingestion is locked down after a panic (until POST /logs/resume), or, in cluster mode, Redis cannot be reached: send again after Retry-After.';
/** Values `GET /logs/values` lists unless asked for another number. */
const DEFAULT_TOP_VALUES = 10;
const STORE_AWAY = 'Cluster mode: Redis cannot be reached; send again after Retry-After.';
const NOT_FOUND =
  'No entry with this id: it never existed, was evicted, or belongs to the key epoch before a panic.';

@ApiTags('logs')
@Controller('logs')
export class LogsController {
  constructor(
    private readonly logs: LogService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Roles('ingest')
  @ReadBody(SINGLE_ENTRY_BODY)
  @ApiOperation({ summary: 'Ingest one entry (canonical shape or a raw pino/bunyan line)' })
  @ApiBody({ type: CreateLogDto })
  @ApiCreatedResponse({
    type: IngestResultDto,
    description: 'Stored: its id, the level it was filed under and what was masked.',
  })
  @ApiError(400, 'The body is not a log entry: `errors` names the field and the reason.')
  @ApiError(413, 'The body is over LOG_MAX_BODY, or the entry is larger than the whole store.')
  @ApiError(415, 'The body is not JSON.')
  @ApiRetryLater(LOCKED_OR_AWAY)
  ingest(@Body() body: unknown, @Req() request: Request): Awaitable<IngestResult> {
    return this.logs.ingest(body, { door: 'http', forcedService: boundService(request) });
  }

  @Post('batch')
  @Roles('ingest')
  @ReadBody(BATCH_BODY)
  @ApiOperation({ summary: 'Ingest a JSON array or NDJSON of up to LOG_MAX_BATCH entries' })
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ type: [CreateLogDto] })
  @ApiCreatedResponse({
    type: BatchResultDto,
    description: 'The good entries are stored; each bad one is reported by its index.',
  })
  @ApiError(400, 'The body is neither a JSON array nor NDJSON.')
  @ApiError(413, 'More than LOG_MAX_BATCH entries, or a body over LOG_MAX_BODY.')
  @ApiError(415, 'The body is neither JSON nor NDJSON.')
  @ApiRetryLater(LOCKED_OR_AWAY)
  ingestBatch(@Body() body: unknown, @Req() request: Request): Awaitable<BatchResult> {
    return this.logs.ingestBatch(body, { door: 'http', forcedService: boundService(request) });
  }

  @Get()
  @Scans()
  @Roles('viewer')
  @ApiOperation({ summary: 'Stored entries, newest first, decrypted and masked' })
  @ApiOkResponse({
    type: LogPageDto,
    description: 'One page; pass `nextBefore` as `before` for the next.',
  })
  @ApiRetryLater(STORE_AWAY)
  list(@Query() query: LogQueryDto, @Req() request: Request): Awaitable<LogPage> {
    const { limit, before, after } = query;
    const filter = filterFromQuery(query);
    return this.logs.list({ limit, before, after, filter, owner: scanOwner(request) });
  }

  @Get('histogram')
  @Scans()
  @Roles('viewer')
  @ApiOperation({ summary: 'Entries per level in equal time buckets (the last hour by default)' })
  @ApiOkResponse({ type: LogHistogramDto, description: 'Counts per level in each time bucket.' })
  @ApiRetryLater(STORE_AWAY)
  histogram(@Query() query: HistogramQueryDto, @Req() request: Request): Awaitable<LogHistogram> {
    const filter = filterFromQuery(query);
    const { since, until } = filter.filter;
    const owner = scanOwner(request);
    return this.logs.histogram({ filter, since, until, buckets: query.buckets, owner });
  }

  @Get('values')
  @Scans()
  @Roles('viewer')
  @ApiOperation({ summary: 'How often each value of one field occurs in the filter’s entries' })
  @ApiOkResponse({
    type: LogFieldValuesDto,
    description: 'The most frequent values, newest entries first within the scan budget.',
  })
  @ApiError(400, 'The field or the filter is not valid.')
  @ApiRetryLater(STORE_AWAY)
  values(@Query() query: FieldValuesQueryDto, @Req() request: Request): Awaitable<LogFieldValues> {
    return this.logs.fieldValues({
      filter: filterFromQuery(query),
      field: query.field,
      top: query.top ?? DEFAULT_TOP_VALUES,
      owner: scanOwner(request),
    });
  }

  @Get('metrics')
  @Roles('viewer')
  @ApiOperation({ summary: 'Counters, rates and store usage' })
  @ApiOkResponse({
    type: MetricsSnapshotDto,
    description: 'The counters as the dashboard shows them.',
  })
  metrics(): Awaitable<MetricsSnapshot> {
    return this.logs.metricsSnapshot();
  }

  @Post('panic')
  @Roles('admin')
  @RefuseCrossSite()
  @ReadBody(JSON_OPTIONS_BODY)
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the key, wipe the store, reset metrics, alert every dashboard' })
  @ApiBody({
    type: PanicRequestDto,
    required: false,
    description:
      'Optional: send no body at all, or `{ "lockdown": true }` to also refuse ingestion.',
  })
  @ApiOkResponse({
    type: PanicEventDto,
    description: 'Done: the new epoch and how many entries were wiped.',
  })
  async panic(@Body() body: PanicRequestDto, @Req() request: Request): Promise<PanicEvent> {
    const lockdown = body?.lockdown === true;
    const event = await this.logs.panic(lockdown);
    // A lockdown is kept apart from plain panics in the trail, not folded into them.
    const detail = lockdown ? 'POST /logs/panic (lockdown)' : 'POST /logs/panic';
    this.audit.record({ type: 'panic', ...actorOf(request), detail });
    return event;
  }

  @Post('resume')
  @Roles('admin')
  @RefuseCrossSite()
  @ReadBody(JSON_OPTIONS_BODY)
  @HttpCode(200)
  @ApiOperation({ summary: 'End a panic lockdown: ingestion is accepted again' })
  @ApiBody({
    required: false,
    description: 'Takes no options: send no body, or `{}`.',
    schema: { type: 'object', example: {} },
  })
  @ApiOkResponse({ type: ResumeResultDto, description: 'Ingestion is accepted again.' })
  async resume(@Req() request: Request): Promise<ResumeResult> {
    const result = await this.logs.resume();
    this.audit.record({ type: 'resume', ...actorOf(request), detail: 'POST /logs/resume' });
    return result;
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One entry by id (`<epoch>-<seq>`)' })
  @ApiOkResponse({ type: LogEntryDto, description: 'The entry, decrypted and masked.' })
  @ApiError(400, 'The id is not `<epoch>-<seq>`, or the epoch tag is malformed.')
  @ApiError(404, NOT_FOUND)
  @ApiRetryLater(STORE_AWAY)
  get(@Param('id') id: string, @Query() query: EntryQueryDto): Awaitable<LogEntry> {
    return this.logs.get(id, query.epochTag);
  }

  @Get(':id/context')
  @Roles('viewer')
  @ApiOperation({ summary: 'An entry with up to n neighbours on each side' })
  @ApiOkResponse({
    type: LogContextDto,
    description: 'The entry and its neighbours, oldest first.',
  })
  @ApiError(404, NOT_FOUND)
  @ApiRetryLater(STORE_AWAY)
  context(@Param('id') id: string, @Query() query: ContextQueryDto): Awaitable<LogContext> {
    return this.logs.context(id, query.n ?? 20);
  }
}

/** Who did it, for the audit trail (the roles guard has set `identity`). */
function actorOf(request: Request): { actor?: string; address: string | null } {
  const identity = (request as Partial<AuthenticatedRequest>).identity;
  return { actor: identity?.name, address: request.ip ?? null };
}

/** Whose scan it is: the key's (the address's with auth off), as for the scan rate limit. */
function scanOwner(request: Request): string {
  const identity = (request as Partial<AuthenticatedRequest>).identity;
  const address = request.ip ?? 'unknown';
  return identity ? trackerOf(identity, address) : addressTracker(address);
}

/** An ingest key bound to a service files everything it sends under that service. */
function boundService(request: Request): string | undefined {
  return (request as Partial<AuthenticatedRequest>).identity?.service;
}
