import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  endsAt: number;
}

/** One counted attempt: whether it went over the limit, and when the window ends. */
export interface WindowHit {
  hits: number;
  blocked: boolean;
  /** Whole seconds until the window ends, at least 1: what Retry-After says. */
  secondsLeft: number;
}

/**
 * A counter per key per window: O(1) per request. The throttler's default
 * storage keeps one timestamp per hit and filters them on every request,
 * which at ingest rates (hundreds of thousands of hits per window) would cost
 * more than the ingest itself. The price is that a client can spend up to
 * twice its limit across a window boundary, which is fine for abuse limits.
 *
 * One instance serves HTTP's throttler, the socket handshake and the socket
 * event limits, so a budget shared between them is one counter.
 */
@Injectable()
export class FixedWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const { hits, blocked, secondsLeft } = this.hit(key, ttl, limit);
    return {
      totalHits: hits,
      timeToExpire: secondsLeft,
      isBlocked: blocked,
      timeToBlockExpire: blocked ? secondsLeft : 0,
    };
  }

  /** Counts one attempt against `key`'s window of `ttl` ms. */
  hit(key: string, ttl: number, limit: number): WindowHit {
    const now = Date.now();
    if (now >= this.nextSweepAt) this.sweep(now, ttl);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return {
      hits: window.hits,
      blocked: window.hits > limit,
      secondsLeft: secondsUntil(window, now),
    };
  }

  /** Without counting: seconds until `key`'s window ends if it has no attempts left (0 if it has). */
  exhaustedFor(key: string, limit: number): number {
    const now = Date.now();
    const window = this.windows.get(key);
    if (!window || window.endsAt <= now || window.hits < limit) return 0;
    return secondsUntil(window, now);
  }

  /** Tracked keys include remote addresses; dropping finished windows keeps the map bounded by recent traffic. */
  private sweep(now: number, ttl: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) this.windows.delete(key);
    }
    this.nextSweepAt = now + ttl;
  }
}

function secondsUntil(window: Window, now: number): number {
  return Math.max(1, Math.ceil((window.endsAt - now) / 1000));
}
