import { createApp } from './app/create-app';
import { validateEnv } from './app/env';
import { ServerLogger } from './app/server.logger';
import { warmServing } from './app/serving-warmup';
import { listen, reportStartupFailure } from './app/startup';
import { announceKeys } from './auth/startup-notice';

const logger = ServerLogger.fromProcess();

async function bootstrap(): Promise<void> {
  const env = validateEnv(process.env);
  const app = await createApp({ logger });
  // Not Nest's default list: it includes SIGUSR2, which `node --heapsnapshot-signal=SIGUSR2` uses.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  // Before listening, so the first real clients meet warm code and none of the made-up traffic.
  await warmServing(app, env);
  const url = await listen(app, env);
  announceKeys(app, url);
}

bootstrap().catch((error: unknown) => {
  reportStartupFailure(logger, error);
  process.exit(1);
});
