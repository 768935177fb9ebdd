/**
 * Turns of the event loop for the scans in progress, one slice of one scan per turn.
 *
 * A scan yields every few milliseconds, but yielding alone is not enough: every callback queued
 * with `setImmediate` runs in the same check phase, so twenty scans that each yield after 4 ms
 * still hold the loop for 80 ms before it polls for I/O again (a `/health` request, an ingest, a
 * socket's next packet). Here each turn resumes one scan, and the next is queued from inside that
 * turn's callback, which Node runs only on the loop's next iteration, after its I/O.
 */
export class ScanTurns {
  private readonly waiting: (() => void)[] = [];
  private pumping = false;

  /** True while scans wait for their turn: a new scan waits behind them too. */
  get busy(): boolean {
    return this.pumping;
  }

  /** Resolves on a later iteration of the event loop, in the order asked. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.pumping) {
        this.pumping = true;
        setImmediate(this.pump);
      }
    });
  }

  private readonly pump = (): void => {
    // The resumed scan runs its slice in this callback's microtasks, before the next immediate.
    this.waiting.shift()?.();
    if (this.waiting.length > 0) setImmediate(this.pump);
    else this.pumping = false;
  };
}

/** One event loop per process, so one queue of turns for every scan in it. */
export const SCAN_TURNS = new ScanTurns();
