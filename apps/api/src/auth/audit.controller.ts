import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEvent } from '@redtail/contracts';
import { AuditService } from './audit.service';
import { Roles } from './roles.decorator';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Security events, newest first: auth failures, rate-limit hits, panic and resume',
  })
  list(): AuditEvent[] {
    return this.audit.list();
  }
}
