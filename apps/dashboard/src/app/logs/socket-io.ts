import { DOCUMENT } from '@angular/common';
import { Provider } from '@angular/core';
import { LOGS_NAMESPACE } from '@redtail/contracts';
import { io } from 'socket.io-client';
import { basePath } from '../shared/base-path';
import { LOG_SOCKET_FACTORY, LogSocket } from './log-socket';

/**
 * The real Socket.IO connection: same origin, under the page's base path, token in the
 * handshake, automatic reconnects.
 */
export function provideLogSocket(): Provider {
  return {
    provide: LOG_SOCKET_FACTORY,
    deps: [DOCUMENT],
    useFactory:
      (document: Document) =>
      (token: string | null): LogSocket =>
        io(LOGS_NAMESPACE, {
          path: `${basePath(document)}socket.io`,
          auth: token ? { token } : {},
          reconnectionDelayMax: 5_000,
        }),
  };
}
