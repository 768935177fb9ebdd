/**
 * One Float64Array reused from one call to the next, grown when too small and never shrunk.
 *
 * A typed array's memory lives outside the JavaScript heap and counts towards the size at which
 * Chromium starts a full garbage collection until a collection finds the array dead. A live tail
 * of 10 000 wrapped lines per pane made two fresh 80 KB arrays per pane on every render (ten a
 * second while flooded); reused, the memory outside the heap waiting for a full collection in the
 * browser soak fell from 16–19 MB to 11–12 MB (bench/findings.md, 2026-12-03). The most one holds
 * is 8 bytes per line kept (800 KB at 100 000 lines).
 *
 * A view handed out stays valid until the next call to `slots`: the arrays built on one (row
 * heights, row offsets) are superseded by the next call's anyway.
 */
export class ReusedFloats {
  private store = new Float64Array(0);

  /**
   * The first `length` slots. The first `keep` slots hold what they held before (grown or not);
   * the rest hold whatever they held, for the caller to overwrite.
   */
  slots(length: number, keep = 0): Float64Array {
    if (this.store.length < length) {
      const grown = new Float64Array(Math.max(length, 2 * this.store.length, MIN_SLOTS));
      grown.set(this.store.subarray(0, Math.min(keep, this.store.length)));
      this.store = grown;
    }
    return this.store.subarray(0, length);
  }

  /** Moves slots `from`…`from + count` to the front, in place (`copyWithin`). */
  moveToFront(from: number, count: number): void {
    if (from > 0 && count > 0) this.store.copyWithin(0, from, from + count);
  }
}

const MIN_SLOTS = 64;
