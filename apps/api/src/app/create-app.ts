import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ExpressServerAdapter } from '@redtail/express-server';
import { securityHeaders } from '@redtail/http-security';
import { ClientAddress } from '../auth/client-address';
import { HostAllowlist } from '../auth/host-allowlist';
import { RedtailIoAdapter } from '../auth/redtail-io.adapter';
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
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(env),
    new ExpressServerAdapter(),
    {
      logger: options.logger ?? ServerLogger.fromProcess(),
      abortOnError: false,
      // No body parser runs before routing: a route that takes a body declares it with @ReadBody
      // and reads it after the guards (body/read-body.interceptor.ts), so a wrong path is 404 and
      // a request without a key is 401 before a byte of its body is parsed.
      bodyParser: false,
    },
  );
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
  serveDashboard(app, env);
  if (env.REDTAIL_BASE_PATH !== '') app.setGlobalPrefix(env.REDTAIL_BASE_PATH);
  const cors = corsOptions(env);
  if (cors) app.enableCors(cors);
  app.useWebSocketAdapter(new RedtailIoAdapter(app));
  setupSwagger(app);
  return app;
}
