import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_EVENT_TYPES,
  type AuditEvent,
  type AuditEventType,
  type AuthMode,
  type Identity,
  ROLES,
  type Role,
} from '@redtail/contracts';

export class AuthModeDto implements AuthMode {
  @ApiProperty({ example: false, description: 'True when the server runs with REDTAIL_AUTH=off.' })
  authDisabled!: boolean;
}

export class IdentityDto implements Identity {
  @ApiProperty({
    example: 'ops',
    description: "The key's name; `anonymous` with REDTAIL_AUTH=off.",
  })
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'admin' })
  role!: Role;

  @ApiProperty({ example: false, description: 'True when the server runs with REDTAIL_AUTH=off.' })
  authDisabled!: boolean;

  @ApiPropertyOptional({
    example: 'checkout',
    description: 'An ingest key bound to a service: every log it sends is filed under it.',
  })
  service?: string;
}

export class AuditEventDto implements AuditEvent {
  @ApiProperty({ example: 7, description: 'Unique for the life of the process (per node).' })
  id!: number;

  @ApiProperty({ example: '2025-01-31T12:00:00.000Z', description: 'First occurrence.' })
  at!: string;

  @ApiProperty({ example: '2025-01-31T12:00:41.000Z', description: 'Latest occurrence.' })
  lastAt!: string;

  @ApiProperty({ enum: AUDIT_EVENT_TYPES, example: 'auth-failed' })
  type!: AuditEventType;

  @ApiProperty({
    example: 'unknown',
    description: "The key's name; `unknown` for a missing or unrecognised key.",
  })
  actor!: string;

  @ApiProperty({ type: String, nullable: true, example: '10.0.0.4' })
  address!: string | null;

  @ApiPropertyOptional({
    example: 'GET /logs',
    description: 'The route pattern; never a query string, body or secret.',
  })
  detail?: string;

  @ApiProperty({ example: 42, description: 'Identical events folded into this one.' })
  count!: number;

  @ApiPropertyOptional({
    example: 'node-a',
    description: 'Cluster mode: the node that recorded it.',
  })
  node?: string;
}
