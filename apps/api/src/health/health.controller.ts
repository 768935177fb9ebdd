import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { Deployment } from '../logs/ports/deployment';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly health: HealthCheckService,
    private readonly deployment: Deployment,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: 200 when the node can accept and serve logs, 503 otherwise',
  })
  readiness() {
    const checks = [() => this.process()];
    if (this.deployment.clustered) checks.push(() => this.redis());
    return this.health.check(checks);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while the process answers' })
  liveness() {
    return this.health.check([() => this.process()]);
  }

  /** Not ready while Redis is unreachable: ingestion answers 503 then, so a balancer should skip the node. */
  private redis(): HealthIndicatorResult {
    const { up, details } = this.deployment.health();
    return { redis: { status: up ? 'up' : 'down', ...details } };
  }

  private process(): HealthIndicatorResult {
    return {
      process: { status: 'up', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) },
    };
  }
}
