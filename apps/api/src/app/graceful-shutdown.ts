import {
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Readiness } from '../health/readiness';
import { Env } from './env';

/**
 * The first step of a shutdown. Provided by the root module, whose destroy hook Nest runs
 * before any other module's, so the live stream is still up while it works:
 *
 * 1. readiness turns false (`/health` answers 503), for REDTAIL_SHUTDOWN_DELAY_MS;
 * 2. the port stops taking connections, and idle keep-alive connections are closed;
 * 3. requests in flight finish, for up to REDTAIL_SHUTDOWN_TIMEOUT_MS, then are cut off.
 *
 * Then the gateway delivers the entries those requests accepted (its own destroy hook), Nest
 * closes the sockets, and `onApplicationShutdown` says in one line how it all ended.
 */
@Injectable()
export class GracefulShutdown implements OnModuleDestroy, OnApplicationShutdown {
  private inFlight = 0;
  private onIdle: (() => void) | undefined;
  private startedAt: number | undefined;
  private finished = 0;
  private cutOff = 0;
  private readonly logger = new Logger('Redtail');

  constructor(
    private readonly env: Env,
    private readonly readiness: Readiness,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Express middleware, first in the chain: counts the requests a shutdown has to wait for. */
  readonly countRequests = (_request: Request, response: Response, next: NextFunction): void => {
    this.inFlight += 1;
    // A request that arrives on a kept-alive connection during the drain is served, then the
    // connection closes instead of waiting for another one.
    if (!this.readiness.ready) response.setHeader('Connection', 'close');
    response.once('close', () => {
      this.inFlight -= 1;
      if (this.startedAt !== undefined) this.finished += 1;
      if (this.inFlight === 0) this.onIdle?.();
    });
    next();
  };

  async onModuleDestroy(): Promise<void> {
    this.startedAt = Date.now();
    this.readiness.markClosing();
    if (this.env.REDTAIL_SHUTDOWN_DELAY_MS > 0) await delay(this.env.REDTAIL_SHUTDOWN_DELAY_MS);
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    server.close();
    if (!(await this.drained(this.env.REDTAIL_SHUTDOWN_TIMEOUT_MS))) {
      this.cutOff = this.inFlight;
      server.closeAllConnections();
    }
    server.closeIdleConnections();
  }

  onApplicationShutdown(signal?: string): void {
    if (this.startedAt === undefined) return;
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    const cause = signal ? `on ${signal}` : 'on request';
    const requests = `${this.finished} ${this.finished === 1 ? 'request' : 'requests'}`;
    if (this.cutOff > 0) {
      this.logger.warn(
        `Stopped ${cause} after ${seconds} s: ${requests} finished, ${this.cutOff} cut off by ` +
          `REDTAIL_SHUTDOWN_TIMEOUT_MS=${this.env.REDTAIL_SHUTDOWN_TIMEOUT_MS}`,
      );
    } else if (this.finished === 0) {
      this.logger.log(`Stopped ${cause} after ${seconds} s: no request was in flight`);
    } else {
      this.logger.log(
        `Stopped ${cause} after ${seconds} s: ${requests} finished during the drain, none cut off`,
      );
    }
  }

  /** True once nothing is in flight; false when `timeoutMs` passed first. */
  private drained(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
