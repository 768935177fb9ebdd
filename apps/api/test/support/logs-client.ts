import type {
  ClientToServerEvents,
  LiveBlock,
  LogEntry,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '@redtail/contracts';
import { fromLiveBlock, LOGS_NAMESPACE } from '@redtail/contracts';
import { io, Socket } from 'socket.io-client';

export type LogsClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A real Socket.IO client on the dashboard's namespace, over WebSocket only (as browsers end up)
 * unless `transports` asks for the long-polling start too.
 */
export async function connectLogs(
  url: string,
  options: { token?: string; transports?: ('polling' | 'websocket')[]; path?: string } = {},
): Promise<LogsClient> {
  const socket: LogsClient = io(`${url}${LOGS_NAMESPACE}`, {
    path: options.path ?? '/socket.io',
    transports: options.transports ?? ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: options.token ? { token: options.token } : {},
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function subscribe(
  socket: LogsClient,
  request: SubscribeRequest = {},
): Promise<SubscribeAck> {
  return new Promise((resolve) => socket.emit('subscribe', request, resolve));
}

/** Resolves with the first `event` the socket receives. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: LogsClient,
  event: E,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    socket.once(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) =>
      resolve(payload)) as never);
  });
}

/** Collects `logs` emits, decoded, until `count` entries arrived. */
export function collectLogs(socket: LogsClient, count: number): Promise<LogEntry[]> {
  const received: LogEntry[] = [];
  return new Promise((resolve) => {
    const onLogs = (block: LiveBlock) => {
      received.push(...fromLiveBlock(block));
      if (received.length >= count) {
        socket.off('logs', onLogs);
        resolve(received);
      }
    };
    socket.on('logs', onLogs);
  });
}
