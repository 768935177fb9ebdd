import { Module } from '@nestjs/common';
import { LogsModule } from '../logs/logs.module';
import { ElasticsearchController } from './elasticsearch/elasticsearch.controller';
import { LokiController } from './loki/loki.controller';
import { OtlpController } from './otlp/otlp.controller';

/**
 * The shippers' doors: each decodes its protocol, maps records onto Redtail's entry shape and
 * hands them to the one pipeline (validate → mask → seal → store → count → broadcast).
 */
@Module({
  imports: [LogsModule],
  controllers: [OtlpController, LokiController, ElasticsearchController],
})
export class IngestModule {}
