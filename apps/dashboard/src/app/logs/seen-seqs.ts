/**
 * How far (in seqs) a line may trail the newest one seen and still be taken as new. In cluster
 * mode batches relayed from other nodes arrive a few milliseconds late; at 20 000 lines/s that is
 * a few hundred seqs, so this leaves a wide margin.
 */
export const REORDER_WINDOW = 4_096;

/**
 * The seqs this tab has taken, remembered by identity so that a late line is still shown while a
 * replayed one is not shown twice. Only the last `REORDER_WINDOW` seqs are kept: anything older
 * counts as seen, which keeps memory and the cost per line constant at any rate.
 */
export class SeenSeqs {
  private recent = new Set<number>();
  private highest = 0;
  /** Every seq in (start, contiguous] was seen: the exact cursor when nothing is filtered out. */
  private contiguous = 0;

  get newest(): number {
    return this.highest;
  }

  /** Records `seq`; false when it was already seen (or is too old to tell). */
  add(seq: number): boolean {
    if (seq <= this.floor() || this.recent.has(seq)) return false;
    if (this.highest === 0) this.contiguous = seq - 1;
    this.recent.add(seq);
    if (seq > this.highest) this.highest = seq;
    if (this.recent.size > 2 * REORDER_WINDOW) this.prune();
    return true;
  }

  /**
   * The `afterSeq` to resume from: the end of the unbroken run of seen seqs, or the start of the
   * reorder window when a filter leaves gaps. The server replays what follows; what was seen in
   * that span is dropped here by seq, and what was still in flight is not lost.
   */
  resumeAfter(): number {
    this.contiguous = Math.max(this.contiguous, this.floor());
    while (this.recent.has(this.contiguous + 1)) this.contiguous += 1;
    return this.contiguous;
  }

  reset(): void {
    this.recent = new Set();
    this.highest = 0;
    this.contiguous = 0;
  }

  private floor(): number {
    return Math.max(0, this.highest - REORDER_WINDOW);
  }

  private prune(): void {
    const floor = this.floor();
    const kept = new Set<number>();
    for (const seq of this.recent) if (seq > floor) kept.add(seq);
    this.recent = kept;
  }
}
