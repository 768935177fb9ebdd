import {
  HttpException,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer, isIPv6, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Env } from '../../app/env';
import { LogService } from '../../logs/log.service';
import { MALFORMED } from '../../logs/request-body';
import { parseSyslog } from './syslog-parser';
import { SyslogFramer } from './syslog-framer';
import { syslogToLogInput } from './syslog-mapper';

/** Senders connected at once; each holds at most one frame, so memory stays bounded. */
const MAX_CONNECTIONS = 256;
/** A connection silent this long is closed; senders such as rsyslog reconnect on their own. */
const IDLE_TIMEOUT_MS = 5 * 60 * 1000;
/** Warnings about lockdown drops, at most this often (they never name what was dropped). */
const DROP_WARNING_INTERVAL_MS = 60 * 1000;

export interface SyslogAddresses {
  tcp: AddressInfo | undefined;
  udp: AddressInfo | undefined;
}

/**
 * Syslog (RFC 5424 and RFC 3164) over TCP (RFC 6587 framing; TLS per RFC 5425 with a certificate)
 * and UDP, on one port, when REDTAIL_SYSLOG_PORT is set. Syslog has no authentication, so the
 * listener is off by default and on loopback unless told otherwise. Every message goes to the
 * pipeline like any door's; one that is not syslog is counted as rejected, never fatal.
 */
@Injectable()
export class SyslogListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Syslog');
  private tcp: Server | undefined;
  private udp: UdpSocket | undefined;
  private readonly connections = new Set<Socket>();
  private lastDropWarning = 0;

  constructor(
    private readonly pipeline: LogService,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.env.REDTAIL_SYSLOG_PORT;
    if (port === undefined) return;
    const host = this.env.REDTAIL_SYSLOG_HOST;
    const tls = this.tlsOptions();
    this.tcp = tls
      ? createTlsServer(tls, (socket) => this.accept(socket))
      : createServer((socket) => this.accept(socket));
    this.tcp.maxConnections = MAX_CONNECTIONS;
    await listen(this.tcp, port, host);
    const bound = this.tcp.address() as AddressInfo;
    if (!tls) {
      this.udp = createSocket(isIPv6(host) ? 'udp6' : 'udp4', (datagram) =>
        this.ingest([datagram]),
      );
      await bindUdp(this.udp, bound.port, host);
    }
    this.logger.log(
      `Syslog on ${host}:${bound.port} (${tls ? 'TCP with TLS' : 'TCP and UDP'}); ` +
        'it has no authentication: anyone who can reach this port can send',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const socket of this.connections) socket.destroy();
    await Promise.all([
      this.tcp && new Promise((resolve) => this.tcp?.close(resolve)),
      this.udp && new Promise<void>((resolve) => this.udp?.close(() => resolve())),
    ]);
  }

  /** Where the listener is bound (port 0 picks a free one), for tests and the start-up log. */
  addresses(): SyslogAddresses {
    return {
      tcp: (this.tcp?.address() as AddressInfo | null) ?? undefined,
      udp: this.udp?.address(),
    };
  }

  private tlsOptions(): { cert: Buffer; key: Buffer } | undefined {
    const { REDTAIL_SYSLOG_TLS_CERT: cert, REDTAIL_SYSLOG_TLS_KEY: key } = this.env;
    if (!cert || !key) return undefined;
    return { cert: readFileSync(cert), key: readFileSync(key) };
  }

  private accept(socket: Socket): void {
    this.connections.add(socket);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('close', () => this.connections.delete(socket));
    socket.on('error', () => socket.destroy());
    const framer = new SyslogFramer();
    socket.on('data', (chunk: Buffer) => {
      const { frames, rejected } = framer.push(chunk);
      if (frames.length === 0 && rejected === 0) return;
      const ingested = this.ingest(frames, rejected);
      if (ingested) {
        // The cluster pipeline answers later: read no more from this sender until it has.
        socket.pause();
        void ingested.finally(() => socket.resume());
      }
    });
  }

  /** Returns a promise only when the pipeline is asynchronous (cluster mode). */
  private ingest(frames: Buffer[], rejectedFrames = 0): Promise<void> | undefined {
    const items: unknown[] = frames.map((frame) => {
      const message = parseSyslog(frame.toString('utf8'));
      return message ? syslogToLogInput(message) : MALFORMED;
    });
    for (let index = 0; index < rejectedFrames; index += 1) items.push(MALFORMED);
    try {
      const result = this.pipeline.ingestEntries(items, {
        door: 'syslog',
        forcedService: this.env.REDTAIL_SYSLOG_SERVICE,
      });
      if (result instanceof Promise) {
        return result.then(
          () => undefined,
          (error: unknown) => this.dropped(error, items.length),
        );
      }
    } catch (error) {
      this.dropped(error, items.length);
    }
    return undefined;
  }

  /** Syslog cannot be told to retry: say how many were lost (lockdown, mostly), never what. */
  private dropped(error: unknown, count: number): void {
    const now = Date.now();
    if (now - this.lastDropWarning < DROP_WARNING_INTERVAL_MS) return;
    this.lastDropWarning = now;
    const reason =
      error instanceof HttpException && error.getStatus() === 503
        ? 'ingestion is locked down'
        : `${error instanceof Error ? error.name : typeof error} (message withheld)`;
    this.logger.warn(
      `Dropped ${count} syslog message(s): ${reason}; further drops are not logged for a minute`,
    );
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function bindUdp(socket: UdpSocket, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve();
    });
  });
}
