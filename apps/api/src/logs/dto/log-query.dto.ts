import { ApiPropertyOptional } from '@nestjs/swagger';
import { LOG_LEVELS, LogLevel, LogQuery } from '@redtail/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { patternProblem } from '../log-filter';
import { parseTime } from '../log-input';

const TIME_MESSAGE = '$property must be an ISO-8601 date or epoch milliseconds';
const FLAG_VALUES: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };

function isRegex(args: ValidationArguments): boolean {
  return (args.object as LogQueryDto).regex === true;
}

/** With `regex=1`, refuses a pattern that is invalid or could stall the server. */
function SafePatternWhenRegex(): PropertyDecorator {
  return ValidateBy({
    name: 'safePattern',
    validator: {
      validate: (value: unknown, args) =>
        !isRegex(args) || typeof value !== 'string' || !patternProblem(value),
      defaultMessage: (args) => patternProblem(String(args?.value)) ?? 'pattern is refused',
    },
  });
}

/** `GET /logs`; query strings are small and rare, so class-validator is fine here. */
export class LogQueryDto implements Omit<LogQuery, 'since' | 'until'> {
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

  @ApiPropertyOptional({ enum: LOG_LEVELS, description: 'Minimum level.' })
  @IsOptional()
  @IsIn(LOG_LEVELS)
  level?: LogLevel;

  @ApiPropertyOptional({ example: 'checkout' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  service?: string;

  @ApiPropertyOptional({
    description:
      'Case-insensitive substring of the masked message; a regular expression with regex=1.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SafePatternWhenRegex()
  q?: string;

  @ApiPropertyOptional({
    description:
      'Hides entries whose masked message contains this (case-insensitive); a regular expression with regex=1.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SafePatternWhenRegex()
  exclude?: string;

  @ApiPropertyOptional({
    type: String,
    enum: ['1', '0', 'true', 'false'],
    description:
      'q and exclude are case-insensitive regular expressions that must run in linear time.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && Object.hasOwn(FLAG_VALUES, value) ? FLAG_VALUES[value] : value,
  )
  @IsBoolean({ message: '$property must be 1, 0, true or false' })
  regex?: boolean;

  @ApiPropertyOptional({ type: String, example: '2025-01-31T00:00:00Z' })
  @IsOptional()
  @Transform(({ value }) => parseTime(value))
  @IsNumber({}, { message: TIME_MESSAGE })
  since?: number;

  @ApiPropertyOptional({ type: String, example: '1738368000000' })
  @IsOptional()
  @Transform(({ value }) => parseTime(value))
  @IsNumber({}, { message: TIME_MESSAGE })
  until?: number;
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
