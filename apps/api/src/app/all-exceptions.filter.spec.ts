import {
  ArgumentsHost,
  BadRequestException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter';

function httpHost(request: Record<string, unknown> = {}) {
  const response = {
    headersSent: false,
    statusCode: 0,
    body: undefined as unknown,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(body: unknown) {
      this.body = body;
      return this;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  return { host, response };
}

describe('AllExceptionsFilter', () => {
  it('keeps the status and message of client errors', () => {
    const { host, response } = httpHost();
    new AllExceptionsFilter().catch(new BadRequestException('level: unknown level'), host);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ message: 'level: unknown level', error: 'Bad Request' });
  });

  it('hides unexpected errors behind a bare 500 and never logs their message', () => {
    const { host, response } = httpHost();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new AllExceptionsFilter().catch(new Error('user jane@example.com not found'), host);
    expect(response.statusCode).toBe(500);
    expect(response.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
    expect(logged.mock.calls.flat().join(' ')).not.toContain('jane@example.com');
    logged.mockRestore();
  });

  it('answers a deliberate 503 (lockdown, a closing node) without logging it as a fault', () => {
    const { host, response } = httpHost();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new AllExceptionsFilter().catch(new ServiceUnavailableException('Ingestion is locked'), host);
    expect(response.statusCode).toBe(503);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('answers a path no route has without repeating the path', () => {
    const { host, response } = httpHost();
    new AllExceptionsFilter().catch(new NotFoundException('Cannot GET /zqsecret'), host);
    expect(response.statusCode).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain('zqsecret');
  });

  it('keeps the message of a 404 a route gave on purpose', () => {
    const { host, response } = httpHost({ route: { path: '/logs/:id' } });
    new AllExceptionsFilter().catch(new NotFoundException('No entry with this id'), host);
    expect(response.body).toMatchObject({ message: 'No entry with this id' });
  });

  it('answers a path that is not valid percent-encoding by naming it, not quoting it', () => {
    const { host, response } = httpHost();
    const decodeError = Object.assign(new URIError("Failed to decode param '%E0zqsecret'"), {
      status: 400,
    });
    const mapped = new BadRequestException(decodeError.message, { cause: decodeError });
    new AllExceptionsFilter().catch(mapped, host);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({
      errors: [{ field: 'path', reason: 'is not valid percent-encoding' }],
    });
    expect(JSON.stringify(response.body)).not.toContain('zqsecret');
  });
});
