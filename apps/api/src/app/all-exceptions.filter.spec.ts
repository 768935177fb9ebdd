import {
  ArgumentsHost,
  BadRequestException,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter';

function httpHost() {
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
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({}) }),
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
});
