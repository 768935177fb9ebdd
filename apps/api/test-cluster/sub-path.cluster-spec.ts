import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { collectLogs, connectLogs, LogsClient, subscribe } from '../test/support/logs-client';
import {
  NGINX_SUBPATH_TEMPLATE,
  nginxInstalled,
  RunningNginx,
  startNginx,
} from '../test/support/nginx';
import { RunningRedis, startRedis } from '@redtail/testing';
import type { RunningApp } from '../test/support/start-app';
import { startNode } from './support/cluster';

const SCALING_DOC = join(__dirname, '../../../docs/scaling.md');
const BASE = '/redtail';

const describeWithNginx = nginxInstalled() ? describe : describe.skip;

describeWithNginx('two nodes under a sub-path behind the documented nginx config', () => {
  let redis: RunningRedis;
  const nodes: RunningApp[] = [];
  let nginx: RunningNginx;
  let dashboardDir: string;
  const sockets: LogsClient[] = [];

  beforeAll(async () => {
    dashboardDir = mkdtempSync(join(tmpdir(), 'redtail-dashboard-'));
    writeFileSync(
      join(dashboardDir, 'index.html'),
      '<html><head><base href="/"></head><body><rt-root></rt-root></body></html>',
    );
    redis = await startRedis();
    for (const id of ['node-a', 'node-b']) {
      nodes.push(
        await startNode(redis.url, id, {
          REDTAIL_BASE_PATH: BASE,
          REDTAIL_DASHBOARD_DIR: dashboardDir,
        }),
      );
    }
    nginx = await startNginx(
      nodes.map((node) => new URL(node.url).host),
      NGINX_SUBPATH_TEMPLATE,
    );
  });

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await nginx?.stop();
    await Promise.all(nodes.map((node) => node.close().catch(() => undefined)));
    await redis?.stop();
    rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('is the config docs/scaling.md quotes for a sub-path', () => {
    const doc = readFileSync(SCALING_DOC, 'utf8');
    const quoted = [...doc.matchAll(/```nginx\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(quoted).toContain(readFileSync(NGINX_SUBPATH_TEMPLATE, 'utf8'));
  });

  it('serves the dashboard at /redtail/ with its base set, and sends /redtail there', async () => {
    const page = await request(nginx.url).get(`${BASE}/`).expect(200);
    expect(page.text).toContain(`<base href="${BASE}/" />`);
    const bare = await request(nginx.url).get(BASE).expect(301);
    expect(new URL(bare.headers['location'], nginx.url).pathname).toBe(`${BASE}/`);
    await request(nginx.url).get(`${BASE}/health`).expect(200);
  });

  it.each([
    ['WebSocket', ['websocket'] as const],
    ['long-polling upgraded to WebSocket', ['polling', 'websocket'] as const],
  ])('streams what is posted through the proxy to a %s dashboard', async (_name, transports) => {
    const viewer = await connectLogs(nginx.url, {
      transports: [...transports],
      path: `${BASE}/socket.io`,
    });
    sockets.push(viewer);
    expect(await subscribe(viewer, { backfill: 0 })).toMatchObject({ ok: true });
    const message = `through the sub-path over ${transports.join('+')}`;
    const received = collectLogs(viewer, 1);
    await request(nginx.url).post(`${BASE}/logs`).send({ level: 'info', message }).expect(201);
    expect((await received)[0]).toMatchObject({ message });
    const listed = await request(nginx.url).get(`${BASE}/logs`).expect(200);
    expect(listed.body.entries.map((entry: { message: string }) => entry.message)).toContain(
      message,
    );
  });
});
