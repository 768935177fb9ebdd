import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app/create-app';

export interface RunningApp {
  app: INestApplication;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the real application on a random loopback port, with `env` layered
 * over the process environment (Env is read once, at start-up).
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const app = await createApp({ logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
  } finally {
    process.env = saved;
  }
}
