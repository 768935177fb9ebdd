import { LOGS_NAMESPACE } from '@redtail/contracts';
import { Manager } from 'socket.io-client';

/** How long to listen for the server's answers to one raw packet. */
const ANSWER_WAIT_MS = 30;

/**
 * Joins `/logs` with `token` on a fresh engine.io connection, writes `packet` as it is (a
 * Socket.IO packet as text; engine.io adds its own `4` message prefix), and returns what the
 * server sent back within a moment. The server may also close the connection, which is a fine
 * answer to a malformed packet.
 */
export async function sendRawPacket(url: string, packet: string, token: string): Promise<string[]> {
  const manager = new Manager(url, {
    autoConnect: false,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) =>
    manager.open((error) => (error ? reject(error) : resolve())),
  );
  const engine = manager.engine;
  const answers: string[] = [];
  try {
    const joined = new Promise<void>((resolve) => {
      const onMessage = (data: unknown) => {
        if (String(data).startsWith(`0${LOGS_NAMESPACE},`)) {
          engine.off('message', onMessage);
          resolve();
        }
      };
      engine.on('message', onMessage);
    });
    // `0` is Socket.IO's CONNECT.
    engine.write(`0${LOGS_NAMESPACE},${JSON.stringify({ token })}`);
    await joined;
    engine.on('message', (data: unknown) => answers.push(String(data)));
    engine.write(packet);
    await new Promise((resolve) => setTimeout(resolve, ANSWER_WAIT_MS));
  } finally {
    engine.close();
  }
  return answers;
}

/**
 * A packet without its header (type, attachment count, namespace, ack id): the protocol repeats
 * the namespace a packet was addressed to, even an invalid one, so that the client can route
 * the refusal. That is addressing, not an echo of content.
 */
export function payloadOf(packet: string): string {
  return packet.replace(/^\d(?:\d+-)?(?:\/[^,]*,)?\d*/, '');
}
