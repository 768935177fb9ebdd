/**
 * How far (in seqs) a line may trail the newest one seen and still be taken as new. In cluster
 * mode batches relayed from other nodes arrive a few milliseconds late; at 20 000 lines/s that is
 * a few hundred seqs, so this leaves a wide margin.
 */
export const REORDER_WINDOW = 4_096;

/** One mark per seq of the last `SLOTS` seqs: twice the window, so a slot is never shared in it. */
const SLOTS = 2 * REORDER_WINDOW;
const SLOT_MASK = SLOTS - 1;

/**
 * The seqs this tab has taken, remembered by identity so that a late line is still shown while a
 * replayed one is not shown twice. Only the last `REORDER_WINDOW` seqs are kept: anything older
 * counts as seen, which keeps memory and the cost per line constant at any rate. The marks sit in
 * one fixed array indexed by seq modulo its length: a set of recent seqs, rebuilt as the window
 * moved, allocated about 1.6 MiB a second at 20 000 lines a second (bench/findings.md), garbage
 * that the page's collector then had to go through.
 */
export class SeenSeqs {
  private readonly marks = new Uint8Array(SLOTS);
  private highest = 0;
  /** Every seq in (start, contiguous] was seen: the exact cursor when nothing is filtered out. */
  private contiguous = 0;

  get newest(): number {
    return this.highest;
  }

  /** Records `seq`; false when it was already seen (or is too old to tell). */
  add(seq: number): boolean {
    if (seq <= this.floor() || this.has(seq)) return false;
    if (this.highest === 0) this.contiguous = seq - 1;
    if (seq > this.highest) this.advanceTo(seq);
    this.marks[seq & SLOT_MASK] = 1;
    return true;
  }

  /**
   * The `afterSeq` to resume from: the end of the unbroken run of seen seqs, or the start of the
   * reorder window when a filter leaves gaps. The server replays what follows; what was seen in
   * that span is dropped here by seq, and what was still in flight is not lost.
   */
  resumeAfter(): number {
    this.contiguous = Math.max(this.contiguous, this.floor());
    while (this.has(this.contiguous + 1)) this.contiguous += 1;
    return this.contiguous;
  }

  reset(): void {
    this.marks.fill(0);
    this.highest = 0;
    this.contiguous = 0;
  }

  private floor(): number {
    return Math.max(0, this.highest - REORDER_WINDOW);
  }

  /** Meaningful above the floor: there each slot holds one seq of the window at most. */
  private has(seq: number): boolean {
    return seq <= this.highest && this.marks[seq & SLOT_MASK] === 1;
  }

  /** Clears the slots the seqs up to `seq` take over from seqs far behind the window. */
  private advanceTo(seq: number): void {
    if (seq - this.highest >= SLOTS) {
      this.marks.fill(0);
    } else {
      for (let next = this.highest + 1; next <= seq; next++) this.marks[next & SLOT_MASK] = 0;
    }
    this.highest = seq;
  }
}
