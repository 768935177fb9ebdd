import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import type { LogInput } from '@redtail/contracts';
import { LOG_INPUT_PROPERTIES } from '../log-input';

/** The JSON Schema fragments are readonly literals; Swagger's option types want mutable ones. */
function fromSchema(
  property: keyof typeof LOG_INPUT_PROPERTIES,
  extra: ApiPropertyOptions,
): ApiPropertyOptions {
  return {
    ...(LOG_INPUT_PROPERTIES[property] as ApiPropertyOptions),
    ...extra,
  } as ApiPropertyOptions;
}

/**
 * Documents `POST /logs` in Swagger. Validation does not run through this
 * class: the ingest path uses the Ajv validator compiled from
 * `LOG_INPUT_SCHEMA`, and every property here is spread from that schema.
 */
export class CreateLogDto implements LogInput {
  @ApiProperty(fromSchema('level', { required: false, example: 'error' }))
  level?: string | number;

  @ApiProperty(fromSchema('message', { example: 'Payment failed for jane@example.com' }))
  message!: string;

  @ApiProperty(fromSchema('service', { required: false, example: 'checkout' }))
  service?: string;

  @ApiProperty(fromSchema('timestamp', { required: false, example: '2025-01-31T12:00:00.000Z' }))
  timestamp?: string | number;

  @ApiProperty(
    fromSchema('context', {
      required: false,
      additionalProperties: true,
      example: { orderId: 'A-1001', card: '4111 1111 1111 1111' },
    }),
  )
  context?: Record<string, unknown>;

  @ApiProperty(
    fromSchema('traceId', { required: false, example: '4bf92f3577b34da6a3ce929d0e0e4736' }),
  )
  traceId?: string;

  @ApiProperty(fromSchema('spanId', { required: false, example: '00f067aa0ba902b7' }))
  spanId?: string;
}
