import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app/create-app';

export interface RunningApp {
  app: INestApplication;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

const AUTH_SETTINGS = [
  'REDTAIL_AUTH',
  'REDTAIL_ADMIN_KEYS',
  'REDTAIL_VIEWER_KEYS',
  'REDTAIL_INGEST_KEYS',
  'REDTAIL_KEYS_FILE',
];

/**
 * Starts the real application on a random loopback port, with `env` layered
 * over the process environment (Env is read once, at start-up). Auth is off
 * unless the caller passes keys or REDTAIL_AUTH, so tests about other things
 * need no headers; the auth tests pass their own keys. `beforeListen` runs after the app is
 * built and before it listens, where main.ts runs the serving warm-up.
 */
export async function startApp(
  env: Record<string, string> = {},
  beforeListen: (app: INestApplication) => Promise<unknown> = async () => undefined,
): Promise<RunningApp> {
  const saved = { ...process.env };
  const configuresAuth = AUTH_SETTINGS.some((setting) => setting in env);
  for (const setting of AUTH_SETTINGS) delete process.env[setting];
  // Tests start hundreds of apps and never load them: the warm-ups would only slow them.
  process.env['REDTAIL_WARMUP_ENTRIES'] = '0';
  process.env['REDTAIL_WARMUP_LINES'] = '0';
  Object.assign(process.env, configuresAuth ? env : { REDTAIL_AUTH: 'off', ...env });
  try {
    const app = await createApp({ logger: false });
    await beforeListen(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
  } finally {
    process.env = saved;
  }
}
