import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

const INDICATORS: ApiPropertyOptions = {
  type: 'object',
  description:
    'Per check: `process` (uptime), `server` (down from the start of a shutdown) and, in cluster mode, `redis`.',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
  example: { process: { status: 'up', uptimeSeconds: 3600 }, server: { status: 'up' } },
};

/** A passing `GET /health` or `GET /health/live` (a failing one is the usual error body). */
export class HealthResultDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';

  @ApiProperty(INDICATORS)
  info!: Record<string, unknown>;

  @ApiProperty({ ...INDICATORS, example: {}, description: 'Empty when every check passes.' })
  error!: Record<string, unknown>;

  @ApiProperty(INDICATORS)
  details!: Record<string, unknown>;
}
