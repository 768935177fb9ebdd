import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { ClusterLink } from '../cluster/cluster-link';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly health: HealthCheckService,
    @Optional() @Inject(ClusterLink) private readonly cluster: ClusterLink | null,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: 200 when the node can accept and serve logs, 503 otherwise',
  })
  readiness() {
    const checks = [() => this.process()];
    if (this.cluster) checks.push(() => this.redis(this.cluster as ClusterLink));
    return this.health.check(checks);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while the process answers' })
  liveness() {
    return this.health.check([() => this.process()]);
  }

  /** Not ready while Redis is unreachable: ingestion answers 503 then, so a balancer should skip the node. */
  private redis(cluster: ClusterLink): HealthIndicatorResult {
    return {
      redis: {
        status: cluster.ready ? 'up' : 'down',
        nodeId: cluster.nodeId,
        epoch: cluster.epoch,
        persistentRedis: cluster.persistentRedis,
      },
    };
  }

  private process(): HealthIndicatorResult {
    return {
      process: { status: 'up', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) },
    };
  }
}
