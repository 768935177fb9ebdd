import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { static as serveFiles } from 'express';
import { isElasticsearchRequest } from '../ingest/elasticsearch/elasticsearch-request';
import type { Env } from './env';

/** Paths the API owns under the base path; every other GET falls back to the dashboard. */
export const API_ROUTE_PREFIXES = [
  'logs',
  'v1',
  'loki',
  'metrics',
  'health',
  'audit',
  'auth',
  'api',
  'socket.io',
];

const MAX_AGE_SECONDS = 3_600;

/**
 * Serves the built Angular dashboard on the API's port, under REDTAIL_BASE_PATH.
 * The files are served as built (the bare base path redirects to its directory,
 * so relative URLs resolve); `index.html` (for `/` and every client-side
 * route) gets its `<base href>` set to the base path, which is all the dashboard
 * needs to find its assets, the API and Socket.IO under a reverse proxy's
 * sub-path. The default location is the Angular build beside the API's bundle
 * (dist/apps/api → dist/apps/dashboard); when it is missing the API still runs
 * and says how to build it.
 */
export function serveDashboard(app: NestExpressApplication, env: Env): void {
  const root = resolve(env.REDTAIL_DASHBOARD_DIR ?? join(__dirname, '..', 'dashboard', 'browser'));
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('Dashboard').warn(
      `No dashboard build at ${root}; run "npm run build" to serve it. The API works without it.`,
    );
    return;
  }
  const base = env.REDTAIL_BASE_PATH;
  const index = dashboardIndex(readFileSync(indexFile, 'utf8'), base, statSync(indexFile).mtime);
  const files = serveFiles(root, {
    index: false,
    maxAge: MAX_AGE_SECONDS * 1_000,
    fallthrough: true,
  });
  // Mounted at the base path: `request.path` below is relative to it. API paths never touch
  // the disk, so no file in the build can shadow a route.
  app.use(base || '/', (request: Request, response: Response, next: NextFunction) => {
    if (!isDashboardRequest(request)) {
      next();
      return;
    }
    files(request, response, () => sendIndex(request, response, index));
  });
}

/** For `/` and every client-side route: the page, revalidated by its ETag. */
function sendIndex(request: Request, response: Response, index: DashboardIndex): void {
  response.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
  response.setHeader('ETag', index.etag);
  response.setHeader('Last-Modified', index.lastModified);
  if (request.headers['if-none-match'] === index.etag) {
    response.status(304).end();
    return;
  }
  response.type('html').send(index.html);
}

interface DashboardIndex {
  html: string;
  etag: string;
  lastModified: string;
}

/**
 * The built index.html with its `<base href>` pointing at the base path. Env validation keeps
 * the base path to `/`-separated letters, digits and `._~-`, so it is safe inside the attribute.
 */
export function dashboardIndex(built: string, base: string, modified: Date): DashboardIndex {
  const baseTag = `<base href="${base}/" />`;
  const html = /<base\s[^>]*>/i.test(built)
    ? built.replace(/<base\s[^>]*>/i, baseTag)
    : built.replace(/<head>/i, `<head>\n    ${baseTag}`);
  const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
  return { html, etag, lastModified: modified.toUTCString() };
}

/**
 * GET or HEAD outside the API's own prefixes (path relative to the base): the dashboard's. Not
 * an Elasticsearch client's (`GET /` is its node info) nor Elasticsearch's `_`-prefixed APIs
 * (`/{index}/_refresh`).
 */
export function isDashboardRequest(request: Pick<Request, 'method' | 'path' | 'headers'>): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isElasticsearchRequest(request.headers)) return false;
  const segments = request.path.split('/');
  if (segments.some((segment) => segment.startsWith('_'))) return false;
  return !API_ROUTE_PREFIXES.includes(segments[1] ?? '');
}
