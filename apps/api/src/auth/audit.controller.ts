import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEvent } from '@redtail/contracts';
import { Deployment } from '../logs/ports/deployment';
import { AuditEventDto } from './dto/auth-responses.dto';
import { Roles } from './roles.decorator';

@ApiTags('auth')
@Controller('audit')
export class AuditController {
  constructor(private readonly deployment: Deployment) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Security events, most recently seen first: auth failures, rate-limit hits, panic and resume ' +
      '(every node of a cluster, each event naming its node)',
  })
  @ApiOkResponse({ type: [AuditEventDto], description: 'Up to 1 000 events, newest first.' })
  list(): Promise<AuditEvent[]> {
    return this.deployment.auditTrail();
  }
}
