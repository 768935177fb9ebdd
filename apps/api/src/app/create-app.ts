import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RedtailIoAdapter } from '../auth/redtail-io.adapter';
import { corsOptions, securityHeaders } from '../auth/security-headers';
import { AppModule } from './app.module';
import { Env } from './env';
import { StartupQuietLogger } from './startup-quiet.logger';
import { setupSwagger } from './swagger';

/**
 * Builds the application exactly as production runs it; tests call this too,
 * so what they exercise is what ships.
 */
export async function createApp(options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: options.logger ?? new StartupQuietLogger(),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const env = app.get(Env);
  // Registered before Nest's defaults, which then skip JSON; NDJSON batches arrive as text.
  app.useBodyParser('json', { limit: env.LOG_MAX_BODY });
  app.useBodyParser('text', {
    limit: env.LOG_MAX_BODY,
    type: ['application/x-ndjson', 'application/ndjson'],
  });
  const cors = corsOptions(env);
  if (cors) app.enableCors(cors);
  app.useWebSocketAdapter(new RedtailIoAdapter(app));
  setupSwagger(app);
  return app;
}
