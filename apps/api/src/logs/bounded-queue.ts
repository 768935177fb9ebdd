/**
 * A FIFO ring that never holds more than `capacity` items: pushing into a full
 * queue discards the oldest. Used per slow client, so the memory one stalled
 * dashboard can pin down has a fixed ceiling.
 */
export class BoundedQueue<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Appends `values` and returns how many old items were discarded to make room. */
  pushAll(values: readonly T[]): number {
    let discarded = 0;
    for (const value of values) {
      if (this.count === this.capacity) {
        this.items[this.head] = undefined;
        this.head = (this.head + 1) % this.capacity;
        this.count -= 1;
        discarded += 1;
      }
      this.items[(this.head + this.count) % this.capacity] = value;
      this.count += 1;
    }
    return discarded;
  }

  /** Removes and returns up to `max` of the oldest items. */
  take(max: number): T[] {
    const taken: T[] = [];
    while (this.count > 0 && taken.length < max) {
      taken.push(this.items[this.head] as T);
      this.items[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.count -= 1;
    }
    return taken;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
