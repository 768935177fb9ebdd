import type { Provider } from '@angular/core';
import { toLiveBlock } from '@redtail/contracts';
import type { LogEntry, LogLevel, SubscribeAck, SubscribeRequest } from '@redtail/contracts';
import { FRAME_SCHEDULER, LOG_SOCKET_FACTORY, LogSocket } from '../app/logs/log-socket';
import { RENDER_PACER, RenderPacer } from '../app/logs/render-pacer';

type Handler = (...args: never[]) => void;

/** Enough of a Socket.IO client to drive LogStream from a test, with no network. */
export class FakeLogSocket {
  active = true;
  connected = false;
  readonly subscriptions: { request: SubscribeRequest; ack: (ack: SubscribeAck) => void }[] = [];
  /** Every event emitted, by name, in order. */
  readonly emitted: string[] = [];
  private readonly handlers = new Map<string, Handler[]>();

  constructor(readonly token: string | null) {}

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    this.emitted.push(event);
    if (event === 'subscribe') {
      this.subscriptions.push({
        request: args[0] as SubscribeRequest,
        ack: args[1] as (ack: SubscribeAck) => void,
      });
    }
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  disconnect(): this {
    this.connected = false;
    this.active = false;
    return this;
  }

  /** Something the server (or the Socket.IO client itself) reports. */
  fire(event: string, ...args: unknown[]): void {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const handler of this.handlers.get(event) ?? [])
      (handler as (...a: unknown[]) => void)(...args);
  }

  /** Live entries as the server sends them (one `logs` block; the epoch from the first id). */
  deliver(entries: LogEntry[]): void {
    this.fire('logs', toLiveBlock(entries));
  }

  lastSubscription() {
    const last = this.subscriptions.at(-1);
    if (!last) throw new Error('no subscribe was emitted');
    return last;
  }

  /** Connects and acknowledges the subscription with `entries`. */
  connectWith(entries: LogEntry[] = [], extra: { missed?: number; epoch?: number } = {}): void {
    this.fire('connect');
    this.lastSubscription().ack({
      ok: true,
      entries,
      missed: extra.missed ?? 0,
      epoch: extra.epoch ?? 1,
      lockdown: false,
    });
  }
}

/** Runs scheduled frames only when the test says so. */
export class ManualFrames {
  private queue: (() => void)[] = [];
  readonly schedule = (callback: () => void) => {
    this.queue.push(callback);
  };

  get pending(): number {
    return this.queue.length;
  }

  run(): void {
    const queue = this.queue;
    this.queue = [];
    for (const callback of queue) callback();
  }
}

export function provideFakeLogSocket(frames = new ManualFrames()): {
  providers: Provider[];
  sockets: FakeLogSocket[];
  frames: ManualFrames;
} {
  const sockets: FakeLogSocket[] = [];
  return {
    sockets,
    frames,
    providers: [
      {
        provide: LOG_SOCKET_FACTORY,
        useValue: (token: string | null) => {
          const socket = new FakeLogSocket(token);
          sockets.push(socket);
          return socket as unknown as LogSocket;
        },
      },
      { provide: FRAME_SCHEDULER, useValue: frames.schedule },
      // A clock that never moves: every frame counts as the last render's, so none is skipped.
      { provide: RENDER_PACER, useValue: new RenderPacer(() => 0) },
    ],
  };
}

export function entry(seq: number, overrides: Partial<LogEntry> = {}): LogEntry {
  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5) + seq).toISOString();
  return {
    id: `1-${seq}`,
    seq,
    level: 'info' as LogLevel,
    service: 'checkout',
    message: `line ${seq}`,
    timestamp: at,
    receivedAt: at,
    masked: {},
    ...overrides,
  };
}

export function entries(from: number, to: number, overrides: Partial<LogEntry> = {}): LogEntry[] {
  return Array.from({ length: to - from + 1 }, (_, i) => entry(from + i, overrides));
}
