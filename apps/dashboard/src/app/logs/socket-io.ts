import { Provider } from '@angular/core';
import { LOGS_NAMESPACE } from '@redtail/contracts';
import { io } from 'socket.io-client';
import { LOG_SOCKET_FACTORY, LogSocket } from './log-socket';

/** The real Socket.IO connection: same origin, token in the handshake, automatic reconnects. */
export function provideLogSocket(): Provider {
  return {
    provide: LOG_SOCKET_FACTORY,
    useValue: (token: string | null): LogSocket =>
      io(LOGS_NAMESPACE, {
        path: '/socket.io',
        auth: token ? { token } : {},
        reconnectionDelayMax: 5_000,
      }),
  };
}
