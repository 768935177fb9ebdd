import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(private readonly health: HealthCheckService) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: 200 when the node can accept and serve logs, 503 otherwise',
  })
  readiness() {
    return this.health.check([() => this.process()]);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while the process answers' })
  liveness() {
    return this.health.check([() => this.process()]);
  }

  private process(): HealthIndicatorResult {
    return {
      process: { status: 'up', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) },
    };
  }
}
