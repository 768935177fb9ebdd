import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The framework's own ceiling: NestJS on Express with nothing but body
 * parsing and a 201, in the same shape as Redtail's ingest routes. No pipes,
 * guards, filters or middleware — whatever Redtail costs beyond this is ours.
 */
@Controller('logs')
class BareLogsController {
  private seq = 0;

  @Post()
  @HttpCode(201)
  ingest(@Body() body: Record<string, unknown>) {
    this.seq++;
    return { id: `0-${this.seq}`, seq: this.seq, masked: {}, level: body['level'] };
  }

  /** NDJSON in; every line parsed, as Redtail must. */
  @Post('batch')
  @HttpCode(201)
  ingestBatch(@Body() body: string) {
    let accepted = 0;
    for (const line of body.split('\n')) {
      if (line.length === 0) continue;
      JSON.parse(line);
      accepted++;
    }
    this.seq += accepted;
    return { accepted, rejected: 0, ids: [], errors: [] };
  }
}

@Module({ controllers: [BareLogsController] })
class BareModule {}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, {
    logger: false,
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: 'application/x-ndjson', limit: '1mb' });
  await app.listen(Number(process.env['PORT']), '127.0.0.1');
}

void bootstrap();
