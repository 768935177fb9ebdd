import type { StreamRecord } from '@redtail/contracts';
import { type ClientRequest, type IncomingMessage, request } from 'node:http';

/**
 * One `POST /logs/stream` from the client's side, on node:http: a chunked request that stays
 * open while the answer's records are read as they arrive (supertest sends a body whole).
 */
export class StreamClient {
  readonly records: StreamRecord[] = [];
  status = 0;
  headers: IncomingMessage['headers'] = {};
  /** The raw answer, to check that nothing sent is echoed. */
  text = '';
  response: IncomingMessage | undefined;
  private pending = '';
  private readonly listeners = new Set<() => void>();
  readonly ended: Promise<void>;
  readonly answered: Promise<void>;

  private constructor(
    readonly outgoing: ClientRequest,
    readLater: boolean,
  ) {
    let answered!: () => void;
    let ended!: () => void;
    this.answered = new Promise((resolve) => (answered = resolve));
    this.ended = new Promise((resolve) => (ended = resolve));
    outgoing.on('response', (response) => {
      this.response = response;
      this.status = response.statusCode ?? 0;
      this.headers = response.headers;
      answered();
      response.on('data', (chunk: Buffer) => this.received(chunk.toString('utf8')));
      response.on('end', ended);
      response.on('error', ended);
      if (readLater) response.pause();
    });
    outgoing.on('error', () => ended());
    outgoing.on('close', () => ended());
  }

  /** Opens the stream and sends its headers at once, before any line. */
  static open(
    url: string,
    headers: Record<string, string> = {},
    options: { readLater?: boolean } = {},
  ): StreamClient {
    const outgoing = request(`${url}/logs/stream`, {
      method: 'POST',
      // A connection of its own: a kept-alive one may have grown large socket buffers.
      agent: false,
      headers: { 'content-type': 'application/x-ndjson', ...headers },
    });
    outgoing.on('error', () => undefined);
    outgoing.flushHeaders();
    return new StreamClient(outgoing, options.readLater ?? false);
  }

  send(...lines: string[]): boolean {
    return this.outgoing.write(lines.map((line) => `${line}\n`).join(''));
  }

  end(): void {
    this.outgoing.end();
  }

  /** Cuts the connection, as a crash or a dropped network would. */
  cut(): void {
    this.outgoing.destroy();
  }

  lastAck(): number {
    let ack = 0;
    for (const record of this.records) if ('ack' in record) ack = Math.max(ack, record.ack);
    return ack;
  }

  /** Waits until a record satisfies `match`; fails after `timeoutMs`. */
  waitFor(match: (record: StreamRecord) => boolean, timeoutMs = 10_000): Promise<StreamRecord> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.records.find(match);
        if (!found) return false;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching record in ${JSON.stringify(this.records.slice(-5))}`));
      }, timeoutMs);
      if (!check()) this.listeners.add(listener);
    });
  }

  waitForAck(line: number, timeoutMs?: number): Promise<StreamRecord> {
    return this.waitFor((record) => 'ack' in record && record.ack >= line, timeoutMs);
  }

  private received(text: string): void {
    this.text += text;
    this.pending += text;
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      this.records.push(JSON.parse(this.pending.slice(0, newline)) as StreamRecord);
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
    for (const listener of [...this.listeners]) listener();
  }
}
