import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type {
  BatchItemError,
  BatchResult,
  ClusterInfo,
  FieldValueCount,
  IngestDoor,
  IngestResult,
  HistogramBucket,
  LogContext,
  LogEntry,
  LogFieldValues,
  LogHistogram,
  LogLevel,
  LogPage,
  MaskCounts,
  MetricsSnapshot,
  PanicEvent,
  ResumeResult,
} from '@redtail/contracts';
import { INGEST_DOORS, LOG_LEVELS } from '@redtail/contracts';

const MASK_COUNTS = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { EMAIL: 1 },
  description: 'Masked values per detector type; never the values.',
} as const;

export class IngestResultDto implements IngestResult {
  @ApiProperty({ example: '1-42' })
  id!: string;

  @ApiProperty({ example: 42 })
  seq!: number;

  @ApiProperty({
    enum: LOG_LEVELS,
    example: 'info',
    description: 'The level stored: `info` when the entry had none, else its canonical name.',
  })
  level!: LogLevel;

  @ApiProperty(MASK_COUNTS)
  masked!: MaskCounts;
}

export class BatchItemErrorDto implements BatchItemError {
  @ApiProperty({ example: 3 })
  index!: number;

  @ApiPropertyOptional({ example: 'level' })
  field?: string;

  @ApiProperty({
    example: 'unknown level; expected one of trace, debug, info, warn, error, fatal or 10–60',
  })
  reason!: string;
}

export class BatchResultDto implements BatchResult {
  @ApiProperty({ example: 999 })
  accepted!: number;

  @ApiProperty({ example: 1 })
  rejected!: number;

  @ApiProperty({ type: [String], example: ['1-43', '1-44'] })
  ids!: string[];

  @ApiProperty({ type: [BatchItemErrorDto] })
  errors!: BatchItemErrorDto[];
}

export class LogEntryDto implements LogEntry {
  @ApiProperty({ example: '1-42' })
  id!: string;

  @ApiProperty({ example: 42 })
  seq!: number;

  @ApiProperty({ enum: LOG_LEVELS, example: 'error' })
  level!: LogLevel;

  @ApiProperty({ example: 'checkout' })
  service!: string;

  @ApiProperty({ example: 'Payment failed for [EMAIL]' })
  message!: string;

  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' })
  timestamp!: string;

  @ApiProperty({ example: '2025-01-31T12:00:00.012Z' })
  receivedAt!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { card: '[CREDIT_CARD]' },
  })
  context?: Record<string, unknown>;

  @ApiPropertyOptional()
  traceId?: string;

  @ApiPropertyOptional()
  spanId?: string;

  @ApiProperty(MASK_COUNTS)
  masked!: MaskCounts;

  @ApiPropertyOptional({ enum: [true], description: 'The message was cut at LOG_MAX_MESSAGE.' })
  truncated?: true;
}

export class LogPageDto implements LogPage {
  @ApiProperty({ type: [LogEntryDto], description: 'Newest first.' })
  entries!: LogEntryDto[];

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 41,
    description: 'Pass as `before` for the next page.',
  })
  nextBefore!: number | null;
}

export class LogContextDto implements LogContext {
  @ApiProperty({ type: LogEntryDto })
  target!: LogEntryDto;

  @ApiProperty({ type: [LogEntryDto], description: 'Oldest first.' })
  before!: LogEntryDto[];

  @ApiProperty({ type: [LogEntryDto], description: 'Oldest first.' })
  after!: LogEntryDto[];
}

const LEVEL_COUNTS = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  description: `Entries per level: ${LOG_LEVELS.join(', ')}.`,
  example: { trace: 0, debug: 3, info: 120, warn: 4, error: 1, fatal: 0 },
} as const;

export class HistogramBucketDto implements HistogramBucket {
  @ApiProperty({ example: 1796256000000, description: 'Epoch milliseconds.' })
  start!: number;

  @ApiProperty(LEVEL_COUNTS)
  counts!: Record<LogLevel, number>;
}

export class LogHistogramDto implements LogHistogram {
  @ApiProperty({ example: 1796256000000, description: 'Epoch milliseconds, first bucket start.' })
  from!: number;

  @ApiProperty({ example: 1796259600000, description: 'Epoch milliseconds, last bucket end.' })
  to!: number;

  @ApiProperty({ example: 60000 })
  bucketMs!: number;

  @ApiProperty({ type: [HistogramBucketDto], description: 'Oldest first; empty buckets included.' })
  buckets!: HistogramBucketDto[];

  @ApiProperty({
    description:
      'False when the scan stopped at its work budget; counts then cover the newest entries only.',
  })
  complete!: boolean;
}

export class FieldValueCountDto implements FieldValueCount {
  @ApiProperty({
    example: '500',
    description: 'As `where` compares it: `field=value` selects these.',
  })
  value!: string;

  @ApiProperty({ example: 42 })
  count!: number;
}

export class LogFieldValuesDto implements LogFieldValues {
  @ApiProperty({ example: 'http.status' })
  field!: string;

  @ApiProperty({
    type: [FieldValueCountDto],
    description: 'The most frequent values, most frequent first.',
  })
  values!: FieldValueCountDto[];

  @ApiProperty({
    example: 3,
    description: 'Entries with a value not listed (beyond `top`, or too long to filter on).',
  })
  other!: number;

  @ApiProperty({ example: 17, description: 'Entries without the field, or with an object there.' })
  missing!: number;

  @ApiProperty({ example: 1200, description: 'Entries matching the filter that were looked at.' })
  counted!: number;

  @ApiProperty({
    description:
      'False when the scan stopped at its work budget; counts then cover the newest entries only.',
  })
  complete!: boolean;
}

export class PanicEventDto implements PanicEvent {
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' })
  at!: string;

  @ApiProperty({
    example: 2,
    description: 'The new key epoch; ids of the old one no longer resolve.',
  })
  epoch!: number;

  @ApiPropertyOptional({
    example: 'Qm9vdC1vbmUtdGFn',
    description:
      'Tells the new epoch from another with the same number (a restarted server begins at 1 again).',
  })
  epochTag?: string;

  @ApiProperty({ example: 1234, description: 'Entries wiped.' })
  cleared!: number;

  @ApiProperty({ example: false })
  lockdown!: boolean;
}

export class ResumeResultDto implements ResumeResult {
  @ApiProperty({ example: '2025-01-31T12:05:00.000Z' })
  at!: string;

  @ApiProperty({ enum: [false] })
  lockdown!: false;
}

const PER_LEVEL: ApiPropertyOptions = {
  type: 'object',
  properties: Object.fromEntries(LOG_LEVELS.map((level) => [level, { type: 'integer' }])),
  required: [...LOG_LEVELS],
  example: { trace: 0, debug: 100, info: 900, warn: 150, error: 45, fatal: 5 },
};

export class RateDto {
  @ApiProperty({ example: 20, description: 'Entries accepted in the last whole second.' })
  lastSecond!: number;

  @ApiProperty({ example: 18.5, description: 'Mean entries per second over the last 60 s.' })
  lastMinute!: number;

  @ApiProperty({
    type: [Number],
    example: [18, 19, 20],
    description: 'Per-second counts for the last 60 s, oldest first.',
  })
  history!: number[];
}

export class ClusterInfoDto implements ClusterInfo {
  @ApiProperty({ example: 'node-a', description: 'The node that answered.' })
  nodeId!: string;

  @ApiProperty({ example: 2, description: 'Nodes that reported in the last few seconds.' })
  nodes!: number;

  @ApiProperty({ description: 'Redis writes to disk, accepted by REDTAIL_ALLOW_PERSISTENT_REDIS.' })
  persistentRedis!: boolean;

  @ApiProperty({
    example: 600,
    description: 'Entries this node accepted since start or the last panic.',
  })
  nodeReceived!: number;

  @ApiProperty({ example: 1, description: 'Dashboards connected to this node.' })
  nodeViewers!: number;
}

/** `GET /logs/metrics`; counters restart at a panic, the panic count, time and epoch do not. */
export class MetricsSnapshotDto implements MetricsSnapshot {
  @ApiProperty({ example: 1200 })
  totalReceived!: number;

  @ApiProperty({ type: String, nullable: true, example: '2025-01-31T12:00:00.000Z' })
  lastLogAt!: string | null;

  @ApiProperty(PER_LEVEL)
  perLevel!: Record<LogLevel, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: `Entries accepted per way in: ${INGEST_DOORS.join(', ')}.`,
    example: { http: 1150, otlp: 50 },
  })
  perDoor!: Partial<Record<IngestDoor, number>>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'The top 20 services by count; the rest are summed under `(other)`.',
    example: { checkout: 800, auth: 400 },
  })
  perService!: Record<string, number>;

  @ApiProperty(MASK_COUNTS)
  maskedPerType!: MaskCounts;

  @ApiProperty({ type: RateDto })
  rate!: RateDto;

  @ApiProperty({ example: 3, description: 'Entries refused as invalid.' })
  rejected!: number;

  @ApiProperty({
    example: 0,
    description: 'Entries evicted to make room (LOG_MAX_ENTRIES, LOG_MAX_BYTES).',
  })
  evicted!: number;

  @ApiProperty({ example: 1, description: 'Messages cut at LOG_MAX_MESSAGE.' })
  truncated!: number;

  @ApiProperty({ example: 1200 })
  storedEntries!: number;

  @ApiProperty({ example: 245760, description: 'Sealed bytes in the store.' })
  storedBytes!: number;

  @ApiProperty({ example: 2, description: 'Open dashboard sockets.' })
  viewers!: number;

  @ApiProperty({ example: 0 })
  panicCount!: number;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastPanicAt!: string | null;

  @ApiProperty({ example: 1, description: 'The key epoch; a panic starts the next one.' })
  epoch!: number;

  @ApiProperty({ example: false, description: 'Ingestion refused (503) until POST /logs/resume.' })
  lockdown!: boolean;

  @ApiProperty({ example: 3600 })
  uptimeSeconds!: number;

  @ApiPropertyOptional({
    type: ClusterInfoDto,
    description:
      'Cluster mode only: the figures above are cluster totals, these describe the node.',
  })
  cluster?: ClusterInfoDto;
}
