import { Body, Controller, type INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Express } from 'express';
import { IncomingMessage, type Server, ServerResponse } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import { Socket } from 'node:net';
import { ExpressServerAdapter, requestBornAs, responseBornAs } from './express-server.adapter';

@Controller()
class EchoController {
  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return { body };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('ExpressServerAdapter', () => {
  let app: INestApplication;
  let url: string;
  const born: { request?: object | null; response?: object | null } = {};

  beforeAll(async () => {
    app = await NestFactory.create(EchoModule, new ExpressServerAdapter(), { logger: false });
    const server = app.getHttpServer() as Server;
    // Runs before Express's own listener: the prototypes the server gave the objects at birth.
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      born.request = Object.getPrototypeOf(request) as object | null;
      born.response = Object.getPrototypeOf(response) as object | null;
    });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  it("makes requests and responses with Express's prototypes from the start", async () => {
    const answer = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ line: 'hello' }),
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ body: { line: 'hello' } });
    const express = app.getHttpAdapter().getInstance() as Express;
    expect(born.request).toBe(express.request);
    expect(born.response).toBe(express.response);
  });

  it("leaves HTTPS to Nest's own server", async () => {
    const adapter = new ExpressServerAdapter();
    const https = await NestFactory.create(EchoModule, adapter, {
      logger: false,
      httpsOptions: {},
    });
    expect(https.getHttpServer()).toBeInstanceOf(HttpsServer);
    await https.close();
  });
});

describe('requestBornAs / responseBornAs', () => {
  it('build working Node requests and responses with the given prototype', () => {
    const requestPrototype = Object.create(IncomingMessage.prototype) as object;
    const responsePrototype = Object.create(ServerResponse.prototype) as object;
    const request = new (requestBornAs(requestPrototype))(new Socket());
    const response = new (responseBornAs(responsePrototype))(request);
    expect(Object.getPrototypeOf(request)).toBe(requestPrototype);
    expect(Object.getPrototypeOf(response)).toBe(responsePrototype);
    expect(request).toBeInstanceOf(IncomingMessage);
    expect(response).toBeInstanceOf(ServerResponse);
    // Node's constructors ran: the stream and the message state are set up.
    expect(request.headers).toEqual({});
    expect(request.readable).toBe(true);
    expect(response.statusCode).toBe(200);
    expect(response.headersSent).toBe(false);
  });
});
