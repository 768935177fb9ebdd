import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@redtail/testing';

/** The documented config: docs/scaling.md quotes it, the nginx cluster test runs it. */
export const NGINX_TEMPLATE = join(__dirname, '../../../../docs/nginx/redtail.conf');
/** The same under a sub-path (REDTAIL_BASE_PATH), also quoted by docs/scaling.md. */
export const NGINX_SUBPATH_TEMPLATE = join(
  __dirname,
  '../../../../docs/nginx/redtail-subpath.conf',
);

export interface RunningNginx {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function nginxInstalled(): boolean {
  return spawnSync(nginxPath(), ['-v']).status === 0;
}

/**
 * The template with only the upstream servers and the listen address replaced, so what runs
 * here is what the docs tell operators to deploy.
 */
export function renderNginxConfig(
  template: string,
  upstreams: string[],
  listen: string,
  templatePath = NGINX_TEMPLATE,
): string {
  const servers = upstreams.map((upstream) => `    server ${upstream};`).join('\n');
  const withUpstreams = template.replace(
    /(upstream redtail \{\n\s*ip_hash;\n)(?:\s*server [^;]+;\n)+/,
    `$1${servers}\n`,
  );
  const rendered = withUpstreams.replace(/^(\s*)listen 80;$/m, `$1listen ${listen};`);
  if (withUpstreams === template || rendered === withUpstreams) {
    throw new Error(`${templatePath} no longer has the upstream or listen lines the test replaces`);
  }
  return rendered;
}

/**
 * Debian's nginx in the foreground on a free loopback port, proxying to `upstreams`
 * (host:port), with its pid file, logs and temp files in a throwaway directory.
 */
export async function startNginx(
  upstreams: string[],
  templatePath = NGINX_TEMPLATE,
): Promise<RunningNginx> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'redtail-nginx-'));
  // Run as root, nginx's workers drop to an unprivileged user that must reach the temp dirs.
  chmodSync(dir, 0o755);
  const site = renderNginxConfig(
    readFileSync(templatePath, 'utf8'),
    upstreams,
    `127.0.0.1:${port}`,
    templatePath,
  );
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${join(dir, kind)};`)
    .join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      `pid ${join(dir, 'nginx.pid')};`,
      'error_log stderr warn;',
      'worker_processes 1;',
      'events { worker_connections 256; }',
      'http {',
      '    access_log off;',
      temp,
      site,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(
    nginxPath(),
    ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', 'stderr', '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    await waitForPort(child, port, () => errors);
  } catch (error) {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function nginxPath(): string {
  return process.env['NGINX_PATH'] ?? 'nginx';
}

async function waitForPort(child: ChildProcess, port: number, errors: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited with ${child.exitCode}:\n${errors()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port}:\n${errors()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM to the master (by its pid) stops it and its workers. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
