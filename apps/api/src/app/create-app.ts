import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ClientAddress } from '../auth/client-address';
import { HostAllowlist } from '../auth/host-allowlist';
import { RedtailIoAdapter } from '../auth/redtail-io.adapter';
import { securityHeaders } from '@redtail/http-security';
import { corsOptions } from '../auth/security-headers';
import { AppModule } from './app.module';
import { serveDashboard } from './dashboard-static';
import { validateEnv } from './env';
import { GracefulShutdown } from './graceful-shutdown';
import { ServerLogger } from './server.logger';
import { setupSwagger } from './swagger';

/**
 * Builds the application exactly as production runs it; tests call this too,
 * so what they exercise is what ships.
 */
export async function createApp(
  options: { logger?: LoggerService | false } = {},
): Promise<INestApplication> {
  const env = validateEnv(process.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    logger: options.logger ?? ServerLogger.fromProcess(),
    abortOnError: false,
    // Nest's defaults add a urlencoded parser that runs on every request; no route takes forms.
    bodyParser: false,
  });
  app.use(app.get(GracefulShutdown).countRequests);
  app.disable('x-powered-by');
  // request.ip is then the client behind trusted proxies, as the socket handshake computes it.
  app.set('trust proxy', app.get(ClientAddress).trust);
  // A SHA-1 of every JSON response buys nothing for ingest answers and live log pages;
  // the dashboard's files keep their own ETag and Last-Modified (dashboard-static.ts).
  app.set('etag', false);
  app.use(securityHeaders());
  // Before anything that answers, the dashboard's files included; Socket.IO checks it too.
  app.use(app.get(HostAllowlist).middleware);
  // The only bodies Redtail reads: JSON, and NDJSON as text. Any other body stays unread, and
  // each route that takes a body refuses it with 415 after routing and the key check (ingest
  // finds no body, panic and resume insist on JSON), so a wrong path is 404 and no key is 401.
  app.useBodyParser('json', { limit: env.LOG_MAX_BODY });
  app.useBodyParser('text', {
    limit: env.LOG_MAX_BODY,
    type: ['application/x-ndjson', 'application/ndjson'],
  });
  serveDashboard(app, env);
  if (env.REDTAIL_BASE_PATH !== '') app.setGlobalPrefix(env.REDTAIL_BASE_PATH);
  const cors = corsOptions(env);
  if (cors) app.enableCors(cors);
  app.useWebSocketAdapter(new RedtailIoAdapter(app));
  setupSwagger(app);
  return app;
}
