import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PublicWhen, Roles } from '../auth/roles.decorator';
import { PrometheusExporter } from './prometheus.exporter';

@ApiTags('metrics')
@ApiBearerAuth('bearer')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly exporter: PrometheusExporter) {}

  @Get()
  @Roles('viewer')
  @PublicWhen('REDTAIL_METRICS_PUBLIC')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'The metrics in Prometheus text format (public with REDTAIL_METRICS_PUBLIC=true)',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'redtail_logs_received_total 1200\n' } })
  render(): Promise<string> {
    return this.exporter.render();
  }
}
