import { DestroyRef, Injectable, effect, inject, signal, untracked } from '@angular/core';
import type { LogEntry } from '@redtail/contracts';
import type { Subscription } from 'rxjs';
import { LogApi } from '../logs/log-api';
import { LogStream, type TimeRange } from '../logs/log-stream';
import { Clock } from '../shared/clock';
import { withoutRange } from './time-range';
import {
  BUCKETS,
  addEntries,
  fromHistogram,
  liveWindow,
  rollTo,
  type VolumeBuckets,
} from './volume-buckets';

/** How far a line's stamp may run ahead of the once-a-second clock and still roll the window. */
const CLOCK_SLACK_MS = 2_000;

/**
 * The volume chart's data: one `GET /logs/histogram` whenever the stream's view starts over
 * (filter, range, panic, back to live), then, while live, every line the stream shows is
 * counted into its bucket and the window rolls forward with the clock. Provided by the page
 * beside the stream it follows.
 */
@Injectable()
export class VolumeStore {
  private readonly api = inject(LogApi);
  private readonly stream = inject(LogStream);
  private readonly clock = inject(Clock);

  private readonly _volume = signal<VolumeBuckets | null>(null);
  private readonly _complete = signal(true);
  private readonly _failed = signal(false);
  /** Null until the first histogram of the current view arrives. */
  readonly volume = this._volume.asReadonly();
  /** False when the server's scan stopped at its budget: older buckets may be short. */
  readonly complete = this._complete.asReadonly();
  readonly failed = this._failed.asReadonly();

  /**
   * The counts as of the last line, ahead of `volume` while live: a flooding tail renders about
   * ten times a second, and redrawing the chart's bars each time cost every frame their style,
   * layout and paint; the chart takes them with the clock's tick, once a second.
   */
  private counted: VolumeBuckets | null = null;
  private loadedView = -1;
  private request: Subscription | null = null;
  /** Lines up to this seq are in the server's counts; only newer ones are added here. */
  private countedThrough = Number.POSITIVE_INFINITY;

  constructor() {
    effect(() => {
      const view = this.stream.view();
      // Waits for the subscription's first answer: after "Back to live" it replays what came
      // meanwhile, and those lines must reach the buffer before the watermark is taken.
      if (this.stream.loading()) return;
      untracked(() => this.load(view, this.stream.range()));
    });
    effect(() => {
      const lines = this.stream.lines();
      untracked(() => this.count(lines));
    });
    effect(() => {
      const now = this.clock.now();
      untracked(() => this.roll(now));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  private load(view: number, range: TimeRange | null): void {
    if (view === this.loadedView) return;
    this.loadedView = view;
    this.request?.unsubscribe();
    this.countedThrough = Number.POSITIVE_INFINITY;
    this.counted = null;
    this._volume.set(null);
    this._failed.set(false);
    const { since, until } = range ?? liveWindow(this.clock.now());
    this.request = this.api
      .histogram(withoutRange(this.stream.activeFilter), since, until, BUCKETS)
      .subscribe({
        next: (histogram) => {
          this._complete.set(histogram.complete);
          // Every line received so far was stored before the server counted (a resume's replay
          // included, even if not drawn yet); only newer ones are added live. A line stored
          // between the count and this answer may be missed: a volume chart can afford that,
          // a line counted twice would mislead.
          this.countedThrough = range ? Number.POSITIVE_INFINITY : this.stream.newestSeq;
          const volume = fromHistogram(histogram);
          this.counted = range ? volume : rollTo(volume, this.clock.now());
          this._volume.set(this.counted);
        },
        error: () => this._failed.set(true),
      });
  }

  private count(lines: readonly LogEntry[]): void {
    let volume = this.counted;
    if (!volume || this.countedThrough === Number.POSITIVE_INFINITY) return;
    // Lines are in seq order: the new ones are at the end.
    let start = lines.length;
    while (start > 0 && lines[start - 1].seq > this.countedThrough) start -= 1;
    if (start === lines.length) return;
    this.countedThrough = lines[lines.length - 1].seq;
    const fresh = lines.slice(start);
    const live = !this.stream.range();
    if (live) {
      // The clock ticks once a second, so a line can be stamped just past the window's end
      // before the window rolls; rolling to it first keeps that line. A stamp further ahead
      // than the clock's slack is a skewed clock and stays out.
      let newest = 0;
      for (const entry of fresh) newest = Math.max(newest, Date.parse(entry.timestamp) || 0);
      volume = rollTo(volume, Math.min(newest, this.clock.now() + CLOCK_SLACK_MS));
    }
    this.counted = addEntries(volume, fresh);
    if (!live) this._volume.set(this.counted);
  }

  /** The live window moves on with the clock and shows what was counted meanwhile. */
  private roll(now: number): void {
    if (this.counted && !this.stream.range()) {
      this.counted = rollTo(this.counted, now);
      this._volume.set(this.counted);
    }
  }
}
