import { InjectionToken } from '@angular/core';

/** Above this many live lines a second (all panes together) renders are paced. */
export const BUSY_LINES_PER_SECOND = 1_000;
/**
 * Least time between two renders of live lines while busy: 20 a second. At a thousand lines a
 * second or more no one reads the rows as they pass; what the eye needs is a page that scrolls
 * and answers at full frame rate. Each render costs its frame plus the next (the panes scroll to
 * their new bottom at the start of the next frame), so renders every 50 ms leave one frame in
 * three free. Measured in the browser soak at 20 000 lines/s with two wrapped panes
 * (bench/findings.md): every frame 44 fps, every other frame (33 ms) 52 fps, 50 ms 55 fps.
 */
export const BUSY_RENDER_GAP_MS = 50;
/** Above this many live lines a second (all panes together) a stream floods the screen. */
export const FLOOD_LINES_PER_SECOND = 10_000;
/**
 * Least time between two renders of a flooding stream: 10 a second. Every render of such a
 * stream replaces every visible row several times over, so a longer gap shows no fewer lines a
 * person could read; it halves the layout and paint of new text, the bulk of a render, and with
 * it the frames a busy machine can stretch past 50 ms (bench/findings.md).
 */
export const FLOOD_RENDER_GAP_MS = 100;
/**
 * Renders this close together belong to one animation frame (every pane's callback runs in the
 * same frame task), so the split view's two panes render together rather than on alternate frames.
 */
export const SAME_FRAME_MS = 4;
/** The arrival rate is counted over windows this long. */
const RATE_WINDOW_MS = 1_000;

/**
 * Decides, frame by frame, whether the live panes may render the lines they have collected.
 * Quiet streams render on every frame; busy ones 20 times a second, flooding ones 10 times.
 * Shared by every pane of a tab.
 */
export class RenderPacer {
  private lastRender = Number.NEGATIVE_INFINITY;
  private windowStart: number | null = null;
  private windowLines = 0;
  private lastWindowRate = 0;

  constructor(private readonly now: () => number) {}

  /** Counts live lines as they arrive, before any pane renders them. */
  arrived(lines: number): void {
    const now = this.now();
    this.rollWindow(now);
    this.windowLines += lines;
  }

  /** Whether a pane may render now; when not, it asks again on a later frame. */
  mayRender(): boolean {
    const now = this.now();
    const sinceLast = now - this.lastRender;
    if (sinceLast < SAME_FRAME_MS) return true;
    if (sinceLast < this.renderGap(now)) return false;
    this.lastRender = now;
    return true;
  }

  /** The least time between renders at the current rate: none for a quiet stream. */
  private renderGap(now: number): number {
    this.rollWindow(now);
    const rate = Math.max(this.lastWindowRate, this.windowLines);
    if (rate >= FLOOD_LINES_PER_SECOND) return FLOOD_RENDER_GAP_MS;
    return rate >= BUSY_LINES_PER_SECOND ? BUSY_RENDER_GAP_MS : 0;
  }

  private rollWindow(now: number): void {
    if (this.windowStart === null) {
      this.windowStart = now;
      return;
    }
    const elapsed = now - this.windowStart;
    if (elapsed < RATE_WINDOW_MS) return;
    // A window that ended long ago says nothing about now: a pause of seconds reads as quiet.
    this.lastWindowRate =
      elapsed < 2 * RATE_WINDOW_MS ? (this.windowLines * RATE_WINDOW_MS) / elapsed : 0;
    this.windowStart = now;
    this.windowLines = 0;
  }
}

/** One pacer per tab, so the main tail and the split view's pane render in the same frames. */
export const RENDER_PACER = new InjectionToken<RenderPacer>('RENDER_PACER', {
  providedIn: 'root',
  factory: () => new RenderPacer(() => performance.now()),
});
