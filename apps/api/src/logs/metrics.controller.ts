import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PublicWhen, Roles } from '../auth/roles.decorator';
import { PrometheusExporter } from './prometheus.exporter';

@ApiTags('metrics')
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
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4: counts only, never log content.',
    schema: {
      type: 'string',
      example:
        '# HELP redtail_logs_received_total Log entries accepted\n# TYPE redtail_logs_received_total counter\nredtail_logs_received_total 1200\n',
    },
  })
  render(): Promise<string> {
    return this.exporter.render();
  }
}
