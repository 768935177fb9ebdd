import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { LogsModule } from '../logs/logs.module';
import { ElasticsearchController } from './elasticsearch/elasticsearch.controller';
import { LokiController } from './loki/loki.controller';
import { OtlpController } from './otlp/otlp.controller';
import { IngestStreams } from './stream/ingest-streams';
import { StreamController } from './stream/stream.controller';
import { SyslogListener } from './syslog/syslog.listener';

/**
 * The shippers' doors: each decodes its protocol, maps records onto Redtail's entry shape and
 * hands them to the one pipeline (validate → mask → seal → store → count → broadcast). Syslog
 * is a listener of its own, off unless REDTAIL_SYSLOG_PORT is set; `POST /logs/stream` is
 * Redtail's own streaming door (redtail-ship's default).
 */
@Module({
  imports: [LogsModule, HealthModule],
  controllers: [OtlpController, LokiController, ElasticsearchController, StreamController],
  providers: [SyslogListener, IngestStreams],
})
export class IngestModule {}
