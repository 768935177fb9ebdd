import { Logger } from '@nestjs/common';
import type { ServeStaticModuleOptions } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Env } from './env';

/** Paths the API owns; everything else under GET falls back to the dashboard. */
export const API_ROUTE_PREFIXES = [
  'logs',
  'metrics',
  'health',
  'audit',
  'auth',
  'api',
  'socket.io',
];

/**
 * Serves the built Angular dashboard on the API's port. The default location is
 * the Angular build beside the API's bundle (dist/apps/api → dist/apps/dashboard);
 * when it is missing the API still runs and says how to build it.
 */
export function dashboardStaticOptions(env: Env): ServeStaticModuleOptions[] {
  const rootPath = resolve(
    env.REDTAIL_DASHBOARD_DIR ?? join(__dirname, '..', 'dashboard', 'browser'),
  );
  if (!existsSync(join(rootPath, 'index.html'))) {
    new Logger('Dashboard').warn(
      `No dashboard build at ${rootPath}; run "npm run build" to serve it. The API works without it.`,
    );
    return [];
  }
  return [
    {
      rootPath,
      exclude: API_ROUTE_PREFIXES.flatMap((prefix) => [`/${prefix}`, `/${prefix}/{*path}`]),
      serveStaticOptions: { index: 'index.html', maxAge: '1h', fallthrough: true },
    },
  ];
}
