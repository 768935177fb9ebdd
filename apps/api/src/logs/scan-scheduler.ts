import type { Env } from '../app/env';

/** What scans may take of this node, all viewers together (REDTAIL_SCANS_* settings). */
export interface ScanLimits {
  /** Scans one key (or, with auth off, one address) may have in progress at once. */
  perOwner: number;
  /** Scans in progress at once on this node, whoever asked. */
  total: number;
  /** Milliseconds of scanning per second of wall time, every scan together. */
  msPerSecond: number;
}

/** The clock and the event loop as the scheduler sees them; unit tests drive their own. */
export interface SchedulerClock {
  now(): number;
  /** Runs `callback` on a later iteration of the event loop, after its I/O. */
  nextTurn(callback: () => void): void;
  /** Runs `callback` once `ms` milliseconds have passed. */
  after(ms: number, callback: () => void): void;
}

export const EVENT_LOOP_CLOCK: SchedulerClock = {
  now: () => performance.now(),
  nextTurn: (callback) => setImmediate(callback),
  // unref: a scan waiting for its share must not hold a shutting-down process open.
  after: (ms, callback) => setTimeout(callback, ms).unref(),
};

/** A scan refused at the door: the caller may retry once one of its own (or anyone's) has ended. */
export class ScansBusyError extends Error {
  constructor(
    readonly scope: 'key' | 'node',
    readonly limit: number,
  ) {
    super(
      scope === 'key'
        ? `Too many scans in progress for this key (at most ${limit} at once); retry when one has finished`
        : `This server is running as many scans as it allows (${limit}); retry shortly`,
    );
    this.name = 'ScansBusyError';
  }
}

/** One admitted scan's dealings with the scheduler. */
export interface ScanTicket {
  /** True when the scan may run a slice at once; otherwise it asks for a `turn()`. */
  mayRunNow(): boolean;
  /** Resolves when this scan may run its next slice. */
  turn(): Promise<void>;
  /** Time a slice held the event loop, drawn from the shared budget. */
  spent(ms: number): void;
  /** The scan is over (finished, out of budget or failed): its place goes to the next. */
  release(): void;
}

/**
 * Decides when stored-entry scans (reads, histograms, socket replays) may use the event loop, so
 * that whatever viewers ask for, the live pipeline keeps the loop first:
 *
 * - **After the broadcast.** A slice due while a live turn is waiting to be sealed and delivered
 *   runs right after that delivery, never before it.
 * - **One slice per turn of the loop.** Every `setImmediate` callback runs in the same check
 *   phase, so twenty scans that each yield after 4 ms would still hold the loop for 80 ms before
 *   it polls for I/O again; here each turn resumes one scan and the next waits for the loop's
 *   next iteration, after its I/O.
 * - **A share of each second.** Scans together spend at most `msPerSecond` of every second
 *   (a token bucket); past it they wait on a timer, with the loop free for ingest.
 * - **Fair between keys.** Waiting scans are resumed key by key in rotation, so a key with many
 *   scans in flight gets no more turns than a key with one.
 * - **A bounded queue.** At most `perOwner` scans per key and `total` per node are in progress;
 *   the next is refused (`ScansBusyError`). With each scan's own work budget (50 ms), the last
 *   admitted scan finishes within `total × 50 ms / msPerSecond` seconds however busy scans are,
 *   and no more than `total` scans' matches are ever held at once.
 */
export class ScanScheduler {
  private readonly inProgress = new Map<string, number>();
  private total = 0;
  /** Waiting slices per owner; Map order is the rotation (an owner served goes to the back). */
  private readonly waiting = new Map<string, (() => void)[]>();
  private waitingCount = 0;
  /** A pump is queued: on the next turn, on a timer, or after the live turn. */
  private pumping = false;
  private liveTurnQueued = false;
  private pumpAfterLiveTurn = false;
  /** Milliseconds scans may still spend; negative is a debt the next slices wait out. */
  private tokens: number;
  private refilledAt: number;
  private readonly perMs: number;
  private readonly capacity: number;

  constructor(
    private readonly limits: ScanLimits,
    private readonly clock: SchedulerClock = EVENT_LOOP_CLOCK,
  ) {
    this.perMs = limits.msPerSecond / 1000;
    // A tenth of a second's share: after an idle spell scans may run a few slices in a row, not
    // take the next second whole.
    this.capacity = limits.msPerSecond / 10;
    this.tokens = this.capacity;
    this.refilledAt = clock.now();
  }

  /** Scans in progress on this node. */
  get running(): number {
    return this.total;
  }

  /** Takes a place for one scan by `owner`, or throws `ScansBusyError`. */
  admit(owner: string): ScanTicket {
    const mine = this.inProgress.get(owner) ?? 0;
    if (mine >= this.limits.perOwner) throw new ScansBusyError('key', this.limits.perOwner);
    if (this.total >= this.limits.total) throw new ScansBusyError('node', this.limits.total);
    this.inProgress.set(owner, mine + 1);
    this.total += 1;
    let released = false;
    return {
      mayRunNow: () => this.mayRunNow(),
      turn: () => this.turn(owner),
      spent: (ms) => this.spend(ms),
      release: () => {
        if (released) return;
        released = true;
        this.leave(owner);
      },
    };
  }

  /** The pipeline has numbered entries and queued their seal-and-deliver turn. */
  liveTurnPending(): void {
    this.liveTurnQueued = true;
  }

  /** The live turn ran (or was discarded): a slice held back for it runs now, right after it. */
  liveTurnDone(): void {
    this.liveTurnQueued = false;
    if (!this.pumpAfterLiveTurn) return;
    this.pumpAfterLiveTurn = false;
    this.pump();
  }

  private mayRunNow(): boolean {
    return !this.pumping && !this.liveTurnQueued && this.refill() >= 0;
  }

  private turn(owner: string): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(owner);
      if (queue) queue.push(resolve);
      else this.waiting.set(owner, [resolve]);
      this.waitingCount += 1;
      if (!this.pumping) {
        this.pumping = true;
        this.clock.nextTurn(this.pump);
      }
    });
  }

  private spend(ms: number): void {
    this.refill();
    this.tokens -= ms;
  }

  private leave(owner: string): void {
    const mine = (this.inProgress.get(owner) ?? 1) - 1;
    if (mine > 0) this.inProgress.set(owner, mine);
    else this.inProgress.delete(owner);
    this.total -= 1;
  }

  private refill(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.perMs);
    this.refilledAt = now;
    return this.tokens;
  }

  private readonly pump = (): void => {
    if (this.waitingCount === 0) {
      this.pumping = false;
      return;
    }
    if (this.liveTurnQueued) {
      this.pumpAfterLiveTurn = true;
      return;
    }
    const tokens = this.refill();
    if (tokens < 0) {
      this.clock.after(Math.ceil(-tokens / this.perMs), this.pump);
      return;
    }
    // The resumed scan runs its slice in this callback's microtasks, before anything else.
    this.resumeNext();
    if (this.waitingCount > 0) this.clock.nextTurn(this.pump);
    else this.pumping = false;
  };

  /** The first waiting slice of the owner whose turn it is; that owner goes to the back. */
  private resumeNext(): void {
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [owner, queue] = next.value;
    const resume = queue.shift();
    this.waiting.delete(owner);
    if (queue.length > 0) this.waiting.set(owner, queue);
    this.waitingCount -= 1;
    resume?.();
  }
}

/** The limits as configured (docs/configuration.md, "Access control"). */
export function scanLimitsOf(
  env: Pick<Env, 'REDTAIL_SCANS_PER_KEY' | 'REDTAIL_SCANS_MAX' | 'REDTAIL_SCAN_MS_PER_SECOND'>,
): ScanLimits {
  return {
    perOwner: env.REDTAIL_SCANS_PER_KEY,
    total: env.REDTAIL_SCANS_MAX,
    msPerSecond: env.REDTAIL_SCAN_MS_PER_SECOND,
  };
}
