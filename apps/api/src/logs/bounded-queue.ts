/**
 * A FIFO ring bounded in items and in bytes: pushing past either bound discards the oldest. Used
 * per slow client, so the memory one stalled dashboard can pin down has a fixed ceiling whatever
 * the size of its entries.
 */
export class BoundedQueue<T> {
  private readonly items: (T | undefined)[];
  private readonly sizes: Float64Array;
  private head = 0;
  private count = 0;
  private held = 0;

  constructor(
    readonly capacity: number,
    readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.items = new Array<T | undefined>(capacity);
    this.sizes = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Bytes held, as the sizes given to `pushAll` say. */
  get bytes(): number {
    return this.held;
  }

  /**
   * Appends `values` (with their sizes in bytes) and returns how many items were discarded to stay
   * within both bounds, oldest first. An item larger than `maxBytes` alone is discarded at once.
   */
  pushAll(values: readonly T[], sizes?: readonly number[]): number {
    let discarded = 0;
    for (let i = 0; i < values.length; i += 1) {
      const size = sizes?.[i] ?? 0;
      if (size > this.maxBytes) {
        discarded += 1;
        continue;
      }
      while (this.count === this.capacity || (this.count > 0 && this.held + size > this.maxBytes)) {
        this.dropOldest();
        discarded += 1;
      }
      const slot = (this.head + this.count) % this.capacity;
      this.items[slot] = values[i];
      this.sizes[slot] = size;
      this.held += size;
      this.count += 1;
    }
    return discarded;
  }

  /** Removes and returns the oldest items: at most `max`, and at most `maxBytes` beyond the first. */
  take(max: number, maxBytes = Number.POSITIVE_INFINITY): T[] {
    const taken: T[] = [];
    let bytes = 0;
    while (this.count > 0 && taken.length < max) {
      const size = this.sizes[this.head];
      if (taken.length > 0 && bytes + size > maxBytes) break;
      bytes += size;
      taken.push(this.items[this.head] as T);
      this.dropOldest();
    }
    return taken;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.held = 0;
  }

  private dropOldest(): void {
    this.held -= this.sizes[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count -= 1;
  }
}
