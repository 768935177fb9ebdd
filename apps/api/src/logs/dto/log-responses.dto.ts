import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  BatchItemError,
  BatchResult,
  IngestResult,
  HistogramBucket,
  LogContext,
  LogEntry,
  LogHistogram,
  LogLevel,
  LogPage,
  MaskCounts,
  PanicEvent,
  ResumeResult,
} from '@redtail/contracts';
import { LOG_LEVELS } from '@redtail/contracts';

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

export class PanicEventDto implements PanicEvent {
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' })
  at!: string;

  @ApiProperty({
    example: 2,
    description: 'The new key epoch; ids of the old one no longer resolve.',
  })
  epoch!: number;

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

export const METRICS_EXAMPLE = {
  totalReceived: 1200,
  lastLogAt: '2025-01-31T12:00:00.000Z',
  perLevel: { trace: 0, debug: 100, info: 900, warn: 150, error: 45, fatal: 5 },
  perService: { checkout: 800, auth: 400 },
  maskedPerType: { EMAIL: 30, CREDIT_CARD: 2 },
  rate: { lastSecond: 20, lastMinute: 18.5, history: [18, 19, 20] },
  rejected: 3,
  evicted: 0,
  truncated: 1,
  storedEntries: 1200,
  storedBytes: 245760,
  viewers: 2,
  panicCount: 0,
  lastPanicAt: null,
  epoch: 1,
  lockdown: false,
  uptimeSeconds: 3600,
};
