import type { LogEntry } from '@redtail/contracts';
import { execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SyslogListener } from '../src/ingest/syslog/syslog.listener';
import { metricsOf, storedEntries, waitForEntries } from './support/ingest';
import { RunningApp, startApp } from './support/start-app';

const run = promisify(execFile);

/** util-linux `logger`, the system's own syslog client, pointed at Redtail. */
async function logger(port: number, args: string[], input?: string): Promise<void> {
  const base = ['--server', '127.0.0.1', '--port', String(port)];
  if (input === undefined) {
    await run('logger', [...base, ...args]);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn('logger', [...base, ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`logger exited ${code}`)),
    );
    child.stdin.end(input);
  });
}

function sendTcp(port: number, bytes: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

function sendUdp(port: number, bytes: string): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) =>
    socket.send(bytes, port, '127.0.0.1', (error) => {
      socket.close();
      if (error) reject(error);
      else resolve();
    }),
  );
}

const octetCounted = (message: string) => `${Buffer.byteLength(message)} ${message}`;

const newest = async (url: string, count: number, before: number): Promise<LogEntry[]> =>
  (await waitForEntries(url, before + count)).slice(before);

describe('syslog listener with util-linux logger', () => {
  let running: RunningApp;
  let tcpPort: number;
  let udpPort: number;

  beforeAll(async () => {
    running = await startApp({ REDTAIL_SYSLOG_PORT: '0' });
    const addresses = running.app.get(SyslogListener).addresses();
    tcpPort = addresses.tcp?.port ?? 0;
    udpPort = addresses.udp?.port ?? 0;
  });
  afterAll(() => running.close());

  it('listens for TCP and UDP on one loopback port', () => {
    const { tcp, udp } = running.app.get(SyslogListener).addresses();
    expect(tcp?.address).toBe('127.0.0.1');
    expect(udp?.port).toBe(tcp?.port);
  });

  it.each([
    ['TCP, RFC 5424, LF framing', ['--tcp', '--rfc5424']],
    ['TCP, RFC 5424, octet counting', ['--tcp', '--octet-count', '--rfc5424']],
    ['UDP, RFC 5424', ['--udp', '--rfc5424']],
  ])(
    'stores %s once, masked, with service, level, time and structured data',
    async (_name, transport) => {
      const before = (await storedEntries(running.url)).length;
      const sentAt = Date.now();
      await logger(tcpPort, [
        ...transport,
        '-t',
        'checkout',
        '-p',
        'local0.warning',
        '--sd-id',
        'order@32473',
        '--sd-param',
        'id="A-17"',
        '--sd-param',
        'email="jane.doe@example.com"',
        'payment failed for jane.doe@example.com',
      ]);
      const [entry] = await newest(running.url, 1, before);
      expect(entry).toMatchObject({
        level: 'warn',
        service: 'checkout',
        context: { facility: 'local0', structuredData: { 'order@32473': { id: 'A-17' } } },
      });
      expect(entry.message).toMatch(/^payment failed for /);
      expect(JSON.stringify(entry)).not.toContain('jane.doe@example.com');
      expect(Math.abs(Date.parse(entry.timestamp) - sentAt)).toBeLessThan(60_000);
      expect(await storedEntries(running.url)).toHaveLength(before + 1);
    },
  );

  it.each([
    ['TCP', '--tcp'],
    ['UDP', '--udp'],
  ])(
    'stores RFC 3164 over %s with the tag as service and a year-less time read as this year',
    async (_name, transport) => {
      const before = (await storedEntries(running.url)).length;
      await logger(udpPort, [
        transport,
        '--rfc3164',
        '-t',
        'legacy',
        '-p',
        'user.err',
        'disk full on /var',
      ]);
      const [entry] = await newest(running.url, 1, before);
      expect(entry).toMatchObject({
        level: 'error',
        service: 'legacy',
        message: 'disk full on /var',
        context: { facility: 'user', host: expect.any(String) },
      });
      expect(Math.abs(Date.parse(entry.timestamp) - Date.now())).toBeLessThan(60_000);
    },
  );

  it('takes several messages on one TCP connection', async () => {
    const before = (await storedEntries(running.url)).length;
    await logger(
      tcpPort,
      ['--tcp', '--octet-count', '--rfc5424', '-t', 'batch'],
      'one\ntwo\nthree\n',
    );
    const entries = await newest(running.url, 3, before);
    expect(entries.map((entry) => entry.message)).toEqual(['one', 'two', 'three']);
  });

  it('counts garbage frames as rejected and keeps listening', async () => {
    const before = (await storedEntries(running.url)).length;
    const rejectedBefore = (await metricsOf(running.url))['rejected'] as number;
    await sendTcp(
      tcpPort,
      [
        'hello without a priority\n',
        '<999>1 - - x - - - too high\n',
        `100000 ${'x'.repeat(100000)}`,
        'A'.repeat(70 * 1024),
        '\n',
        '<14>1 - host app - - [broken sd id="x" rest\n',
        octetCounted('<13>1 - - after - - - fine'),
      ].join(''),
    );
    await sendUdp(udpPort, 'not syslog at all');
    await sendUdp(udpPort, '<13>1 - - udp-after - - - fine');
    const entries = await newest(running.url, 2, before);
    expect(entries.map((entry) => entry.service).sort()).toEqual(['after', 'udp-after']);
    const metrics = await metricsOf(running.url);
    expect(metrics['rejected']).toBe(rejectedBefore + 6);
  });
});

describe('syslog listener bound to a service, and over TLS (RFC 5425)', () => {
  const hasOpenssl = (() => {
    try {
      require('node:child_process').execFileSync('openssl', ['version']);
      return true;
    } catch {
      return false;
    }
  })();
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'redtail-syslog-tls-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('files every message under REDTAIL_SYSLOG_SERVICE', async () => {
    const running = await startApp({
      REDTAIL_SYSLOG_PORT: '0',
      REDTAIL_SYSLOG_SERVICE: 'edge-router',
    });
    try {
      const port = running.app.get(SyslogListener).addresses().tcp?.port ?? 0;
      await logger(port, ['--tcp', '--rfc5424', '-t', 'anything', 'link up']);
      const [entry] = await waitForEntries(running.url, 1);
      expect(entry).toMatchObject({ service: 'edge-router', message: 'link up' });
    } finally {
      await running.close();
    }
  });

  (hasOpenssl ? it : it.skip)(
    'takes octet-counted frames over TLS from openssl s_client, with UDP closed',
    async () => {
      const cert = join(directory, 'cert.pem');
      const key = join(directory, 'key.pem');
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ]);
      const running = await startApp({
        REDTAIL_SYSLOG_PORT: '0',
        REDTAIL_SYSLOG_TLS_CERT: cert,
        REDTAIL_SYSLOG_TLS_KEY: key,
      });
      try {
        const { tcp, udp } = running.app.get(SyslogListener).addresses();
        expect(udp).toBeUndefined();
        const message = '<11>1 2026-12-01T08:00:00.000Z web nginx 42 - - upstream timed out';
        await new Promise<void>((resolve, reject) => {
          const client = spawn(
            'openssl',
            ['s_client', '-connect', `127.0.0.1:${tcp?.port}`, '-quiet', '-no_ign_eof'],
            { stdio: ['pipe', 'ignore', 'ignore'] },
          );
          client.on('error', reject);
          client.on('exit', () => resolve());
          client.stdin.end(octetCounted(message));
        });
        const [entry] = await waitForEntries(running.url, 1);
        expect(entry).toMatchObject({
          level: 'error',
          service: 'nginx',
          message: 'upstream timed out',
          timestamp: '2026-12-01T08:00:00.000Z',
          context: { host: 'web', procid: '42', facility: 'user' },
        });
      } finally {
        await running.close();
      }
    },
    20_000,
  );
});
