import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_VALUES_LIMITS, LOG_LEVELS } from '@redtail/contracts';
import { Type } from 'class-transformer';
import { Allow, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const TIME = 'ISO-8601 date or epoch milliseconds, compared with each entry’s `timestamp`.';

/**
 * The shared filter's parameters, documented for OpenAPI. Their values are read and checked by
 * the shared filter contract (`filterFromQuery`), exactly as the socket's `subscribe` reads them,
 * so `@Allow()` only keeps them past the whitelist.
 */
export class FilterQueryDto {
  @ApiPropertyOptional({ enum: LOG_LEVELS, description: 'Minimum level.' })
  @Allow()
  level?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'error,fatal',
    description: 'Exact levels to show: comma-separated or repeated.',
  })
  @Allow()
  levels?: string | string[];

  @ApiPropertyOptional({
    type: String,
    example: 'checkout,payments',
    description: 'Services to show: comma-separated or repeated (at most 100).',
  })
  @Allow()
  services?: string | string[];

  @ApiPropertyOptional({ example: 'checkout', description: 'One service (same as services).' })
  @Allow()
  service?: string;

  @ApiPropertyOptional({
    description:
      'Case-insensitive substring of the masked message; a regular expression with regex=1 (at most 200 characters).',
  })
  @Allow()
  q?: string;

  @ApiPropertyOptional({
    description:
      'Hides entries whose masked message contains this (case-insensitive); a regular expression with regex=1.',
  })
  @Allow()
  exclude?: string;

  @ApiPropertyOptional({
    type: String,
    enum: ['1', '0', 'true', 'false'],
    description:
      'q and exclude are case-insensitive regular expressions that must run in linear time.',
  })
  @Allow()
  regex?: string;

  @ApiPropertyOptional({ type: String, example: '2026-12-02T00:00:00Z', description: TIME })
  @Allow()
  since?: string;

  @ApiPropertyOptional({ type: String, example: '1796256000000', description: TIME })
  @Allow()
  until?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['status=500', 'user.id=42'],
    description:
      'Exact field values, `path=value`, repeated for several (at most 8): a dotted path into the masked context, or traceId / spanId.',
  })
  @Allow()
  where?: string | string[];
}

/** `GET /logs`: the filter plus paging; query strings are small and rare, so class-validator is fine here. */
export class LogQueryDto extends FilterQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only entries older than this seq (paging cursor).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  before?: number;

  @ApiPropertyOptional({ description: 'Only entries newer than this seq.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}

/** `GET /logs/histogram`: the filter (its since/until bound the chart, the last hour by default). */
export class HistogramQueryDto extends FilterQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  buckets?: number;
}

/** `GET /logs/values`: one field's values over the filter's entries. */
export class FieldValuesQueryDto extends FilterQueryDto {
  @ApiProperty({
    example: 'http.status',
    description:
      'A dotted path into the masked context (as in `where`), or traceId / spanId; at most 200 characters.',
  })
  @IsString()
  @MaxLength(200)
  @Matches(/^[^.=]+(\.[^.=]+)*$/, { message: 'field must be dotted names without =, e.g. user.id' })
  field!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: FIELD_VALUES_LIMITS.top, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FIELD_VALUES_LIMITS.top)
  top?: number;
}

/** `GET /logs/:id`: the epoch tag a link recorded, so a restarted server's same id is not taken for it. */
export class EntryQueryDto {
  @ApiPropertyOptional({
    example: 'Qm9vdC1vbmUtdGFn',
    description:
      'The `epochTag` of the epoch the id was seen in (socket acknowledgements carry it): another epoch with the same number answers 404.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'epochTag must be 1–32 letters, digits, - or _' })
  epochTag?: string;
}

export class ContextQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 500, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(500)
  n?: number;
}
