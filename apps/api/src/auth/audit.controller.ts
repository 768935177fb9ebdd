import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEvent } from '@redtail/contracts';
import { ClusterAudit } from '../cluster/cluster-audit';
import { AuditService } from './audit.service';
import { Roles } from './roles.decorator';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    @Optional() @Inject(ClusterAudit) private readonly cluster: ClusterAudit | null,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Security events, newest first: auth failures, rate-limit hits, panic and resume ' +
      '(every node of a cluster, each event naming its node)',
  })
  list(): AuditEvent[] | Promise<AuditEvent[]> {
    return this.cluster ? this.cluster.list() : this.audit.list();
  }
}
