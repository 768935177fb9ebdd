import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { validateEnv } from './app/env';
import { announceKeys } from './auth/startup-notice';

async function bootstrap(): Promise<void> {
  const { PORT, HOST, REDTAIL_BASE_PATH } = validateEnv(process.env);
  const app = await createApp();
  await app.listen(PORT, HOST);
  const url = `http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${PORT}${REDTAIL_BASE_PATH}`;
  new Logger('Redtail').log(`Dashboard: ${url}/  API docs: ${url}/api/docs`);
  announceKeys(app, url);
}

bootstrap().catch((error: unknown) => {
  // A configuration problem is the operator's to fix: say what, without a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  console.error(message);
  process.exit(1);
});
