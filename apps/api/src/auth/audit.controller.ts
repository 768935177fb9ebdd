import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEvent } from '@redtail/contracts';
import { Deployment } from '../logs/ports/deployment';
import { Roles } from './roles.decorator';

@ApiTags('auth')
@ApiBearerAuth('bearer')
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
  list(): Promise<AuditEvent[]> {
    return this.deployment.auditTrail();
  }
}
