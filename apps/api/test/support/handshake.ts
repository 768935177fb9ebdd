import { LOGS_NAMESPACE } from '@redtail/contracts';
import { io } from 'socket.io-client';
import type { LogsClient } from './logs-client';

export interface HandshakeRefusal extends Error {
  data?: { code?: string };
}

/**
 * Connects to `/logs` like the dashboard would; resolves once admitted and
 * rejects with the server's `connect_error`. An `origin` makes it behave like
 * a browser page on that origin (over long-polling, where headers can be set).
 */
export function tryConnect(
  url: string,
  options: { token?: string; origin?: string } = {},
): Promise<LogsClient> {
  const socket: LogsClient = io(`${url}${LOGS_NAMESPACE}`, {
    auth: options.token === undefined ? {} : { token: options.token },
    transports: options.origin ? ['polling'] : ['websocket'],
    extraHeaders: options.origin ? { Origin: options.origin } : undefined,
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
