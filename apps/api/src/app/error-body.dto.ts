import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { ErrorBody } from './all-exceptions.filter';

export class FieldProblemDto {
  @ApiProperty({ example: 'level', description: 'Dotted path of the field or query parameter.' })
  field!: string;

  @ApiProperty({
    example: 'unknown level; expected one of trace, debug, info, warn, error, fatal or 10–60',
  })
  reason!: string;
}

/** Every error the API answers, whatever the status (`AllExceptionsFilter`). */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    example:
      'level: unknown level; expected one of trace, debug, info, warn, error, fatal or 10–60',
    description:
      'For people; starts with the field name when one field is to blame. Never quotes log content.',
  })
  message!: string;

  @ApiPropertyOptional({
    type: [FieldProblemDto],
    description: 'One entry per bad field or parameter.',
  })
  errors?: FieldProblemDto[];
}

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before sending the same request again.',
    schema: { type: 'integer' },
  },
};

/** One documented error answer of a route, in the shape every error has. */
export function ApiError(status: 400 | 404 | 413 | 415, description: string): MethodDecorator {
  return ApiResponse({ status, description, type: ErrorBodyDto });
}

/** A 503 the client should resend after `Retry-After`. */
export function ApiRetryLater(description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiResponse({ status: 503, description, type: ErrorBodyDto, headers: RETRY_AFTER }),
  );
}
