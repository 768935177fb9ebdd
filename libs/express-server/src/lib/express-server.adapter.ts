import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Nest's Express adapter with one change: the HTTP server makes its requests and responses
 * with Express's prototypes (`app.request`, `app.response`) from the start.
 *
 * Why: Express's `app.handle` gives every request and response those prototypes with
 * `Object.setPrototypeOf`. Done to an object V8 has already built, that is a slow path, and in
 * V8 11 (Node 20) it also kept each request's objects alive through two young-generation
 * collections, so all of them were promoted to the old generation. Measured on the batch door
 * at 20k lines/s (bench/findings.md, 2026-12-03): 950 KB promoted per scavenge, 2.5 ms scavenges;
 * a bare Express server went from 290–380 to 200–220 µs of CPU per request once its objects
 * were born with the right prototype, and promoted nothing. When the prototype is already the
 * one Express sets, V8 skips the change, so Express itself is untouched.
 *
 * HTTPS, `forceCloseConnections` and `return503OnClosing` (none of which Redtail uses: TLS ends
 * at a proxy, graceful-shutdown.ts drains connections) keep Nest's own server.
 */
export class ExpressServerAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    if (options.httpsOptions || options.forceCloseConnections || options.return503OnClosing) {
      super.initHttpServer(options);
      return;
    }
    const app = this.getInstance<Express>();
    this.setHttpServer(
      createServer(
        {
          IncomingMessage: requestBornAs(app.request),
          ServerResponse: responseBornAs(app.response),
        },
        app,
      ),
    );
  }
}

/** A request class whose instances have `prototype` from birth (a subclass of IncomingMessage). */
export function requestBornAs(prototype: object): typeof IncomingMessage {
  function ExpressRequest(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  ExpressRequest.prototype = prototype;
  return ExpressRequest as unknown as typeof IncomingMessage;
}

/** A response class whose instances have `prototype` from birth (a subclass of ServerResponse). */
export function responseBornAs(prototype: object): typeof ServerResponse {
  // Node passes a second argument (the server's highWaterMark and body rules) it does not declare.
  const construct = ServerResponse as unknown as (this: ServerResponse, ...args: unknown[]) => void;
  function ExpressResponse(this: ServerResponse, ...args: unknown[]): void {
    construct.apply(this, args);
  }
  ExpressResponse.prototype = prototype;
  return ExpressResponse as unknown as typeof ServerResponse;
}
