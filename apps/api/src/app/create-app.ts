import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { setupSwagger } from './swagger';

/**
 * Builds the application exactly as production runs it; tests call this too,
 * so what they exercise is what ships.
 */
export async function createApp(
  options: { logger?: false | ('error' | 'warn' | 'log')[] } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: options.logger ?? ['error', 'warn', 'log'],
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  setupSwagger(app);
  return app;
}
