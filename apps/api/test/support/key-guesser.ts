import { LOGS_NAMESPACE } from '@redtail/contracts';
import { Manager } from 'socket.io-client';

/** Socket.IO packet types the server answers a namespace CONNECT with. */
const CONNECT = 0;
const CONNECT_ERROR = 4;

interface Packet {
  type: number;
  nsp: string;
  data?: { message?: string; data?: { code?: string } };
}

/**
 * Presents each token in turn on ONE engine.io connection, as raw namespace CONNECT packets (the
 * way an attacker multiplexes guesses without paying for a new connection), and returns how each
 * attempt ended: `connected`, or the refusal's `data.code`.
 */
export async function guessOverOneConnection(
  url: string,
  tokens: string[],
  headers: Record<string, string> = {},
): Promise<string[]> {
  const manager = new Manager(url, {
    autoConnect: false,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  await new Promise<void>((resolve, reject) =>
    manager.open((error) => (error ? reject(error) : resolve())),
  );
  const outcomes: string[] = [];
  try {
    for (const token of tokens) {
      const answer = new Promise<Packet>((resolve) => {
        const onPacket = (packet: Packet) => {
          if (packet.nsp !== LOGS_NAMESPACE) return;
          if (packet.type !== CONNECT && packet.type !== CONNECT_ERROR) return;
          manager.off('packet', onPacket);
          resolve(packet);
        };
        manager.on('packet', onPacket);
      });
      // engine.io adds its own message prefix (4); `0` is Socket.IO's CONNECT.
      manager.engine.write(`${CONNECT}${LOGS_NAMESPACE},${JSON.stringify({ token })}`);
      const packet = await answer;
      outcomes.push(packet.type === CONNECT ? 'connected' : (packet.data?.data?.code ?? 'no code'));
    }
  } finally {
    manager.engine.close();
  }
  return outcomes;
}

export const wrongKeys = (count: number, prefix = 'guess'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i}-0000000000000000`);
