import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
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
  LogHistogram,
  LogPage,
  MetricsSnapshot,
  PanicEvent,
  ResumeResult,
} from '@redtail/contracts';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { AuditService } from '../auth/audit.service';
import { RequireJson } from '../auth/json-request.guard';
import { Roles } from '../auth/roles.decorator';
import { CreateLogDto } from './dto/create-log.dto';
import { ContextQueryDto, HistogramQueryDto, LogQueryDto } from './dto/log-query.dto';
import {
  BatchResultDto,
  IngestResultDto,
  LogContextDto,
  LogEntryDto,
  LogHistogramDto,
  LogPageDto,
  METRICS_EXAMPLE,
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
@ApiTags('logs')
@ApiBearerAuth('bearer')
@Controller('logs')
export class LogsController {
  constructor(
    private readonly logs: LogService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Roles('ingest')
  @ApiOperation({ summary: 'Ingest one entry (canonical shape or a raw pino/bunyan line)' })
  @ApiBody({ type: CreateLogDto })
  @ApiCreatedResponse({ type: IngestResultDto })
  ingest(@Body() body: unknown, @Req() request: Request): Awaitable<IngestResult> {
    return this.logs.ingest(body, { door: 'http', forcedService: boundService(request) });
  }

  @Post('batch')
  @Roles('ingest')
  @ApiOperation({ summary: 'Ingest a JSON array or NDJSON of up to LOG_MAX_BATCH entries' })
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ type: [CreateLogDto] })
  @ApiCreatedResponse({ type: BatchResultDto })
  ingestBatch(@Body() body: unknown, @Req() request: Request): Awaitable<BatchResult> {
    return this.logs.ingestBatch(body, { door: 'http', forcedService: boundService(request) });
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'Stored entries, newest first, decrypted and masked' })
  @ApiOkResponse({ type: LogPageDto })
  list(@Query() query: LogQueryDto): Awaitable<LogPage> {
    const { limit, before, after } = query;
    return this.logs.list({ limit, before, after, filter: filterFromQuery(query) });
  }

  @Get('histogram')
  @Roles('viewer')
  @ApiOperation({ summary: 'Entries per level in equal time buckets (the last hour by default)' })
  @ApiOkResponse({ type: LogHistogramDto })
  histogram(@Query() query: HistogramQueryDto): Awaitable<LogHistogram> {
    const filter = filterFromQuery(query);
    const { since, until } = filter.filter;
    return this.logs.histogram({ filter, since, until, buckets: query.buckets });
  }

  @Get('metrics')
  @Roles('viewer')
  @ApiOperation({ summary: 'Counters, rates and store usage' })
  @ApiOkResponse({ schema: { type: 'object', example: METRICS_EXAMPLE } })
  metrics(): Awaitable<MetricsSnapshot> {
    return this.logs.metricsSnapshot();
  }

  @Post('panic')
  @Roles('admin')
  @RequireJson()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the key, wipe the store, reset metrics, alert every dashboard' })
  @ApiOkResponse({ type: PanicEventDto })
  async panic(@Body() body: PanicRequestDto, @Req() request: Request): Promise<PanicEvent> {
    const event = await this.logs.panic(body?.lockdown === true);
    this.audit.record({ type: 'panic', ...actorOf(request), detail: 'POST /logs/panic' });
    return event;
  }

  @Post('resume')
  @Roles('admin')
  @RequireJson()
  @HttpCode(200)
  @ApiOperation({ summary: 'End a panic lockdown: ingestion is accepted again' })
  @ApiBody({ description: 'Takes no options: send {}', schema: { type: 'object', example: {} } })
  @ApiOkResponse({ type: ResumeResultDto })
  async resume(@Req() request: Request): Promise<ResumeResult> {
    const result = await this.logs.resume();
    this.audit.record({ type: 'resume', ...actorOf(request), detail: 'POST /logs/resume' });
    return result;
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One entry by id (`<epoch>-<seq>`)' })
  @ApiOkResponse({ type: LogEntryDto })
  get(@Param('id') id: string): Awaitable<LogEntry> {
    return this.logs.get(id);
  }

  @Get(':id/context')
  @Roles('viewer')
  @ApiOperation({ summary: 'An entry with up to n neighbours on each side' })
  @ApiOkResponse({ type: LogContextDto })
  context(@Param('id') id: string, @Query() query: ContextQueryDto): Awaitable<LogContext> {
    return this.logs.context(id, query.n ?? 20);
  }
}

/** Who did it, for the audit trail (the roles guard has set `identity`). */
function actorOf(request: Request): { actor?: string; address: string | null } {
  const identity = (request as Partial<AuthenticatedRequest>).identity;
  return { actor: identity?.name, address: request.ip ?? null };
}

/** An ingest key bound to a service files everything it sends under that service. */
function boundService(request: Request): string | undefined {
  return (request as Partial<AuthenticatedRequest>).identity?.service;
}
