import { Injectable } from '@nestjs/common';
import { Env } from '../app/env';
import { trackerOf } from './address-budget';
import { AuditService } from './audit.service';
import { FixedWindowStorage } from './fixed-window.storage';
import type { SocketData } from './identity';

/** The socket events that make the server work, and so are rate-limited. */
export type LimitedEvent = 'subscribe' | 'resume' | 'panic';

/** The parts of a Socket.IO server socket the limits read (structural, like `HandshakeSocket`). */
export interface LimitedSocket {
  id: string;
  nsp: { name: string };
  data: Partial<SocketData>;
}

/**
 * "May this socket do this now?" for the gateway. A socket event spends what its HTTP twin
 * spends, from the same counters as HTTP: one request from its key's `api` budget
 * (REDTAIL_RATE_LIMIT), and, when it replays the store (a subscription with backfill or
 * afterSeq), one scan from its key's `scan` budget (REDTAIL_SCAN_RATE_LIMIT, shared with
 * `GET /logs`). On top, each socket has its own REDTAIL_SOCKET_RATE_LIMIT, so one connection
 * cannot spend its key's whole allowance. With auth off the key budgets are per address.
 *
 * Every call counts, as every HTTP request does.
 */
@Injectable()
export class SocketRateLimit {
  constructor(
    private readonly windows: FixedWindowStorage,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  /**
   * Counts one `event` from `socket`; `undefined` when it may go ahead, else the `error` for
   * its acknowledgement (`rate-limited: …`). `replays`: the event scans the store.
   */
  refusal(socket: LimitedSocket, event: LimitedEvent, replays = false): string | undefined {
    const { identity, address } = socket.data;
    if (!identity || address === undefined) {
      return 'unauthorized: the handshake did not admit this socket';
    }
    const tracker = trackerOf(identity, address);
    const { REDTAIL_SOCKET_RATE_LIMIT, REDTAIL_RATE_LIMIT, REDTAIL_SCAN_RATE_LIMIT } = this.env;
    const budgets: Budget[] = [
      {
        key: `socket|${socket.id}`,
        limit: REDTAIL_SOCKET_RATE_LIMIT,
        spent: `too many ${event} events on this connection`,
      },
      {
        key: `api|${tracker}`,
        limit: REDTAIL_RATE_LIMIT,
        spent: 'too many requests with this key',
      },
    ];
    if (replays) {
      budgets.push({
        key: `scan|${tracker}`,
        limit: REDTAIL_SCAN_RATE_LIMIT,
        spent: 'too many scans with this key',
      });
    }
    // As on HTTP, the first budget that refuses stops the count, so a socket over its own
    // limit does not go on spending its key's.
    for (const { key, limit, spent } of budgets) {
      const hit = this.windows.hit(key, this.env.REDTAIL_RATE_WINDOW_MS, limit);
      if (!hit.blocked) continue;
      this.audit.record({
        type: 'rate-limited',
        actor: identity.name,
        address,
        detail: `socket ${socket.nsp.name} ${event}`,
      });
      return `rate-limited: ${spent}; retry in ${hit.secondsLeft} s`;
    }
    return undefined;
  }
}

interface Budget {
  /** The counter, shared with HTTP's throttler where the name matches (`api|…`, `scan|…`). */
  key: string;
  limit: number;
  /** What the refusal says was spent. */
  spent: string;
}
