import { Module } from '@nestjs/common';
import { LogsModule } from '../logs/logs.module';
import { ElasticsearchController } from './elasticsearch/elasticsearch.controller';
import { LokiController } from './loki/loki.controller';
import { OtlpController } from './otlp/otlp.controller';
import { SyslogListener } from './syslog/syslog.listener';

/**
 * The shippers' doors: each decodes its protocol, maps records onto Redtail's entry shape and
 * hands them to the one pipeline (validate → mask → seal → store → count → broadcast). Syslog
 * is a listener of its own, off unless REDTAIL_SYSLOG_PORT is set.
 */
@Module({
  imports: [LogsModule],
  controllers: [OtlpController, LokiController, ElasticsearchController],
  providers: [SyslogListener],
})
export class IngestModule {}
