import { Injectable } from '@nestjs/common';
import type { AuditEvent } from '@redtail/contracts';
import { AuditService } from '../../auth/audit.service';
import type { BackendHealth, Deployment } from '../ports/deployment';

/** One node on its own: nothing shared to be ready for, no adapter, its own audit trail. */
@Injectable()
export class SingleNode implements Deployment {
  readonly clustered = false;

  constructor(private readonly audit: AuditService) {}

  attach(): void {
    return undefined;
  }

  health(): BackendHealth {
    return { up: true, details: {} };
  }

  socketAdapter(): undefined {
    return undefined;
  }

  auditTrail(): Promise<AuditEvent[]> {
    return Promise.resolve(this.audit.list());
  }
}
