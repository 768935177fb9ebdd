import { LOGS_NAMESPACE } from '@redtail/contracts';
import { Manager } from 'socket.io-client';

/** How long to listen for the server's answers to a packet that expects none. */
const ANSWER_WAIT_MS = 30;

/**
 * One engine.io connection joined to `/logs`, on which packets are written as text, exactly as
 * given: no client library encodes (or refuses to encode) them first. The server may close it,
 * which is a fine answer to a malformed packet; `closed` then says so.
 */
export class RawLogsConnection {
  private readonly answers: string[] = [];
  private ended = false;

  private constructor(private readonly manager: Manager) {
    manager.engine.on('message', (data: unknown) => this.answers.push(String(data)));
    manager.engine.on('close', () => {
      this.ended = true;
    });
  }

  /** Opens a connection and joins `/logs` with `token` (`0` is Socket.IO's CONNECT). */
  static async open(url: string, token: string): Promise<RawLogsConnection> {
    const manager = new Manager(url, {
      autoConnect: false,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) =>
      manager.open((error) => (error ? reject(error) : resolve())),
    );
    const connection = new RawLogsConnection(manager);
    manager.engine.write(`0${LOGS_NAMESPACE},${JSON.stringify({ token })}`);
    await connection.waitFor((packet) => packet.startsWith(`0${LOGS_NAMESPACE},`), 2_000);
    if (!connection.answers.some((packet) => packet.startsWith(`0${LOGS_NAMESPACE},`))) {
      connection.close();
      throw new Error(`not admitted to ${LOGS_NAMESPACE}: ${connection.answers.join(' | ')}`);
    }
    connection.answers.length = 0;
    return connection;
  }

  get closed(): boolean {
    return this.ended;
  }

  /**
   * Writes `packet` (engine.io adds its `4` message prefix) and returns what the server sent
   * until `until` matched one of its packets, or for a moment when there is nothing to wait for.
   */
  async send(
    packet: string,
    until?: (packet: string) => boolean,
    waitMs = 2_000,
  ): Promise<string[]> {
    this.answers.length = 0;
    this.manager.engine.write(packet);
    await this.waitFor(until ?? (() => false), until ? waitMs : ANSWER_WAIT_MS);
    return this.answers.splice(0);
  }

  close(): void {
    this.manager.engine.close();
  }

  private waitFor(done: (packet: string) => boolean, waitMs: number): Promise<void> {
    const engine = this.manager.engine;
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        engine.off('message', check);
        engine.off('close', finish);
        resolve();
      };
      // Registered after the constructor's listener, so the packet is in `answers` already.
      const check = () => {
        if (this.answers.some(done)) finish();
      };
      const timer = setTimeout(finish, waitMs);
      engine.on('message', check);
      engine.on('close', finish);
      if (this.ended) finish();
      else check();
    });
  }
}

/** Writes one packet on a fresh connection joined with `token`; returns the server's answers. */
export async function sendRawPacket(url: string, packet: string, token: string): Promise<string[]> {
  const connection = await RawLogsConnection.open(url, token);
  try {
    return await connection.send(packet);
  } finally {
    connection.close();
  }
}

/** A Socket.IO EVENT packet on `/logs`, with an ack id when an acknowledgement is wanted. */
export function eventPacket(event: string, args: readonly unknown[], ackId?: number): string {
  return `2${LOGS_NAMESPACE},${ackId ?? ''}${JSON.stringify([event, ...args])}`;
}

/**
 * A packet without its header (type, attachment count, namespace, ack id): the protocol repeats
 * the namespace a packet was addressed to, even an invalid one, so that the client can route
 * the refusal. That is addressing, not an echo of content.
 */
export function payloadOf(packet: string): string {
  return packet.replace(/^\d(?:\d+-)?(?:\/[^,]*,)?\d*/, '');
}
