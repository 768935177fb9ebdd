import type { LogEntry } from '@redtail/contracts';
import { mergeBounded } from './seq-merge';

export const DEFAULT_CAPACITY = 10_000;
export const MIN_CAPACITY = 100;
export const MAX_CAPACITY = 100_000;

/** What a resume after a pause brought back. */
export interface ResumeSummary {
  arrived: number;
  /** Lines that arrived while paused but did not fit in the buffer. */
  dropped: number;
}

/**
 * The lines one view holds, sorted by seq and bounded: what is shown, and what arrived while
 * paused. Plain data and arithmetic, no framework and no socket, so every counting rule is
 * tested directly; the `LogStream` facade copies its state into signals after each change.
 */
export class LogBuffer {
  private shownLines: readonly LogEntry[] = [];
  private heldLines: LogEntry[] = [];
  private isPaused = false;
  private pendingCount = 0;
  private cap = DEFAULT_CAPACITY;
  private droppedCount = 0;
  private summary: ResumeSummary | null = null;
  private goneIds: ReadonlySet<string> = new Set();

  /** Oldest first, at most `capacity` lines. */
  get lines(): readonly LogEntry[] {
    return this.shownLines;
  }
  /** Held while paused, oldest first. */
  get held(): readonly LogEntry[] {
    return this.heldLines;
  }
  get paused(): boolean {
    return this.isPaused;
  }
  /** Lines that arrived while paused and are not shown yet (including those that did not fit). */
  get pending(): number {
    return this.pendingCount;
  }
  get capacity(): number {
    return this.cap;
  }
  /** Lines removed because the buffer was full. */
  get droppedByCap(): number {
    return this.droppedCount;
  }
  get resumeSummary(): ResumeSummary | null {
    return this.summary;
  }
  /** Ids of lines held without their context that the store no longer had (`fillIn`). */
  get contextGone(): ReadonlySet<string> {
    return this.goneIds;
  }

  /** Merges a batch (any order, seqs not yet held) into what is shown, or holds it while paused. */
  add(batch: readonly LogEntry[]): void {
    if (!batch.length) return;
    if (this.isPaused) {
      const { lines, dropped } = mergeBounded(this.heldLines, batch, this.cap);
      this.heldLines = lines;
      this.pendingCount += batch.length;
      this.droppedCount += dropped;
      return;
    }
    this.show(batch);
  }

  /**
   * Counts lines lost before they reached the buffer (an arrival queue trimmed to the cap); while
   * paused they also count as arrived, so the resume summary says they did not fit.
   */
  countLost(count: number): void {
    this.droppedCount += count;
    if (this.isPaused) this.pendingCount += count;
  }

  pause(): boolean {
    if (this.isPaused) return false;
    this.isPaused = true;
    this.summary = null;
    return true;
  }

  /** Shows everything held (as much as fits); returns the lines that became visible. */
  resume(): readonly LogEntry[] {
    if (!this.isPaused) return [];
    const held = this.heldLines;
    const arrived = this.pendingCount;
    this.heldLines = [];
    this.pendingCount = 0;
    this.isPaused = false;
    this.show(held);
    this.summary = arrived ? { arrived, dropped: arrived - held.length } : null;
    return held;
  }

  dismissResumeSummary(): void {
    this.summary = null;
  }

  /** Bounds and applies a capacity; returns false when the value is not a number. */
  setCapacity(capacity: number): boolean {
    const bounded = Math.round(Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, capacity)));
    if (!Number.isFinite(bounded)) return false;
    this.cap = bounded;
    const over = this.shownLines.length - bounded;
    if (over > 0) {
      this.droppedCount += over;
      this.shownLines = this.shownLines.slice(over);
    }
    return true;
  }

  /** Empties the view and its counters; the pause state and capacity stay. */
  clear(): void {
    this.shownLines = [];
    this.heldLines = [];
    this.pendingCount = 0;
    this.droppedCount = 0;
    this.summary = null;
    this.goneIds = new Set();
  }

  /** The oldest seq shown or held; null when empty. */
  oldestSeq(): number | null {
    const oldest = Math.min(
      this.shownLines[0]?.seq ?? Infinity,
      this.heldLines[0]?.seq ?? Infinity,
    );
    return oldest === Infinity ? null : oldest;
  }

  /** How many older lines still fit: the buffer is shared with what arrives live. */
  room(): number {
    return Math.max(0, this.cap - this.shownLines.length - this.heldLines.length);
  }

  /**
   * Puts older lines (any order) in front of what is shown: only those older than `before` and
   * within the free room, the newest of them first. Returns the lines taken, oldest first.
   */
  prepend(entries: readonly LogEntry[], before: number): LogEntry[] {
    const older = entries.filter((entry) => entry.seq < before).sort((a, b) => a.seq - b.seq);
    const taken = older.slice(Math.max(0, older.length - this.room()));
    if (taken.length) this.shownLines = taken.concat(this.shownLines);
    return taken;
  }

  /**
   * Puts each line received without its context back whole, where `whole` has it (by id, which
   * names the epoch too), and notes the `gone` ones: looked up and no longer stored (evicted, or
   * wiped), so a cell can say its value will not come. Returns how many lines changed in either
   * way; nothing moves, nothing is counted.
   */
  fillIn(whole: ReadonlyMap<string, LogEntry>, gone: readonly string[] = []): number {
    let replaced = 0;
    const fill = (line: LogEntry) => {
      const found = line.contextWithheld ? whole.get(line.id) : undefined;
      if (!found) return line;
      replaced += 1;
      return found;
    };
    const shown = this.shownLines.map(fill);
    const held = this.heldLines.map(fill);
    if (replaced) {
      this.shownLines = shown;
      this.heldLines = held;
    }
    const newlyGone = gone.filter((id) => !this.goneIds.has(id));
    if (newlyGone.length) this.goneIds = new Set([...this.goneIds, ...newlyGone]);
    return replaced + newlyGone.length;
  }

  private show(batch: readonly LogEntry[]): void {
    if (!batch.length) return;
    const { lines, dropped } = mergeBounded(this.shownLines, batch, this.cap);
    this.droppedCount += dropped;
    this.shownLines = lines;
  }
}
