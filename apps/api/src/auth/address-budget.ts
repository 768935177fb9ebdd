import { Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { Identity } from '@redtail/contracts';
import { Env } from '../app/env';
import { FixedWindowStorage } from './fixed-window.storage';

/**
 * What each client address may spend without a valid key: REDTAIL_RATE_LIMIT attempts per
 * REDTAIL_RATE_WINDOW_MS, drawn on by HTTP requests (every route, ingest included) and Socket.IO
 * handshakes alike, so guessing keys costs the same at every door.
 *
 * Once an address has spent it, everything it presents is refused until the window ends, a
 * valid key included: if a right guess were let through, the refusals would tell the guesser
 * which guess was right, and the limit would limit nothing. Behind a proxy, set
 * REDTAIL_TRUST_PROXY so that this is each client's address rather than the proxy's.
 *
 * IPv6 addresses count per /64 (the throttler's `normalizeIp`), since one host usually holds a
 * whole /64 and could otherwise take a fresh address for every guess.
 */
@Injectable()
export class AddressBudget {
  constructor(
    private readonly windows: FixedWindowStorage,
    private readonly env: Env,
  ) {}

  /** Seconds until the address may try again; 0 while it has attempts left. */
  blockedFor(address: string): number {
    return this.windows.exhaustedFor(addressBudgetKey(address), this.env.REDTAIL_RATE_LIMIT);
  }

  /** Counts one attempt without a valid key; returns seconds until the address may try again (0: allowed). */
  spend(address: string): number {
    const hit = this.windows.hit(
      addressBudgetKey(address),
      this.env.REDTAIL_RATE_WINDOW_MS,
      this.env.REDTAIL_RATE_LIMIT,
    );
    return hit.blocked ? hit.secondsLeft : 0;
  }
}

/** The `api` throttler's key for an address, so auth-off requests per address share the counter. */
export function addressBudgetKey(address: string): string {
  return `api|${addressTracker(address)}`;
}

export function addressTracker(address: string): string {
  return `ip:${normalizeIp(address)}`;
}

/** Whose budgets a caller spends: its key's, or with auth off (everyone "anonymous") its address's. */
export function trackerOf(identity: Identity, address: string): string {
  return identity.authDisabled ? addressTracker(address) : `key:${identity.name}`;
}
