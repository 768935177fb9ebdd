/**
 * The last line each stream had done, so a client that reconnects and sends again from its last
 * acknowledgement gets no duplicate of lines stored after that acknowledgement was lost. Kept for
 * `ttlMs` after the stream's last progress and for at most `capacity` streams, the least recently
 * active forgotten first: a shipper reconnects within seconds, and each stream costs one entry.
 */
export class StreamCursors {
  private readonly cursors = new Map<string, { line: number; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  doneThrough(key: string): number {
    const cursor = this.cursors.get(key);
    if (!cursor) return 0;
    if (this.now() - cursor.at > this.ttlMs) {
      this.cursors.delete(key);
      return 0;
    }
    return cursor.line;
  }

  record(key: string, line: number): void {
    // Re-inserted, so the map's order stays least recently active first.
    this.cursors.delete(key);
    this.cursors.set(key, { line, at: this.now() });
    for (const [oldest, cursor] of this.cursors) {
      if (this.cursors.size <= this.capacity && this.now() - cursor.at <= this.ttlMs) break;
      this.cursors.delete(oldest);
    }
  }
}
