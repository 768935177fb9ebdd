import { Controller, Get, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../app/error-body.dto';
import { HealthCheck, HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { Deployment } from '../logs/ports/deployment';
import { HealthResultDto } from './health-result.dto';
import { Readiness } from './readiness';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
    private readonly deployment: Deployment,
  ) {}

  @Get()
  @ApiOkResponse({ type: HealthResultDto, description: 'Ready: send it work.' })
  @ApiResponse({
    status: 503,
    type: ErrorBodyDto,
    description:
      'Not ready: the server is shutting down, or (cluster mode) Redis cannot be reached.',
  })
  // Documented above: Terminus's own description has the wrong body for a 503 here.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary:
      'Readiness: 200 when the node can accept and serve logs, 503 otherwise (and from the start of a shutdown)',
  })
  async ready() {
    const checks = [() => this.process(), () => this.server()];
    if (this.deployment.clustered) checks.push(() => this.redis());
    try {
      return await this.health.check(checks);
    } catch (error) {
      throw notReady(error);
    }
  }

  @Get('live')
  @ApiOkResponse({ type: HealthResultDto, description: 'The process answers.' })
  @ApiResponse({ status: 503, type: ErrorBodyDto, description: 'The process cannot answer.' })
  // Documented above: Terminus's own description has the wrong body for a 503 here.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: 200 while the process answers' })
  liveness() {
    return this.health.check([() => this.process()]);
  }

  /** Not ready while Redis is unreachable: ingestion answers 503 then, so a balancer should skip the node. */
  private redis(): HealthIndicatorResult {
    const { up, details } = this.deployment.health();
    return { redis: { status: up ? 'up' : 'down', ...details } };
  }

  /** Down from the first moment of a shutdown, so a balancer stops sending work before the port closes. */
  private server(): HealthIndicatorResult {
    return { server: { status: this.readiness.ready ? 'up' : 'down' } };
  }

  private process(): HealthIndicatorResult {
    return {
      process: { status: 'up', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) },
    };
  }
}

const DOWN_REASONS: Record<string, string> = {
  server: 'the server is shutting down',
  redis: 'Redis cannot be reached',
};

/** Terminus's 503 in the API's error shape, saying which check failed (nothing else in it is for clients). */
function notReady(error: unknown): unknown {
  if (!(error instanceof HttpException)) return error;
  const result = error.getResponse() as { error?: Record<string, unknown> };
  const down = Object.keys(result.error ?? {}).map(
    (check) => DOWN_REASONS[check] ?? `${check} is down`,
  );
  return new ServiceUnavailableException(`Not ready: ${down.join('; ') || 'a check failed'}`);
}
