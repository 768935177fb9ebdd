import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { LOG_LEVELS } from '@redtail/contracts';
import type { TimeRange } from '../logs/log-stream';
import { niceCeiling, shortCount } from '../shared/chart-scale';
import { count } from '../shared/format';
import { bucketSpan, bucketsEnd, total, type VolumeBuckets } from './volume-buckets';

const HEIGHT = 96;
const PAD = { left: 36, right: 8, top: 6, bottom: 18 };
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** A drag shorter than this is a click, not a selection. */
const MIN_DRAG_PX = 4;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function clock(time: number, seconds: boolean): string {
  const d = new Date(time);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return seconds ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/**
 * Entries per level over time as stacked bars, one SVG path per level (six elements however
 * many buckets, so a live update costs six attribute writes). Dragging across it selects a
 * time range.
 */
@Component({
  selector: 'rt-volume-chart',
  templateUrl: './volume-chart.html',
  styleUrl: './volume-chart.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VolumeChart {
  private readonly host = inject(ElementRef<HTMLElement>);
  readonly volume = input.required<VolumeBuckets | null>();
  /** Emits the span of whole buckets a drag covered. */
  readonly brushed = output<TimeRange>();

  protected readonly height = HEIGHT;
  protected readonly pad = PAD;
  protected readonly plotBottom = HEIGHT - PAD.bottom;
  /** Pixel width of the host, so text keeps its size whatever the width. */
  protected readonly width = signal(600);
  private readonly plotWidth = computed(() => Math.max(1, this.width() - PAD.left - PAD.right));
  protected readonly hovered = signal<number | null>(null);
  private readonly drag = signal<{ start: number; end: number; startX: number } | null>(null);

  private readonly bucketWidth = computed(() => {
    const volume = this.volume();
    return volume ? this.plotWidth() / volume.counts.length : 0;
  });
  protected readonly top = computed(() => {
    const volume = this.volume();
    return niceCeiling(volume ? Math.max(0, ...volume.counts.map(total)) : 0);
  });
  protected readonly topLabel = computed(() => shortCount(this.top()));

  protected readonly paths = computed(() => {
    const volume = this.volume();
    if (!volume) return [];
    const scale = PLOT_H / this.top();
    const step = this.bucketWidth();
    // A hairline gap between bars reads as separate buckets; dropped when bars get too thin.
    const gap = step > 4 ? 1 : 0;
    const base = volume.counts.map(() => this.plotBottom);
    return LOG_LEVELS.map((level) => {
      let d = '';
      volume.counts.forEach((counts, index) => {
        const n = counts[level];
        if (!n) return;
        const h = n * scale;
        const y = base[index] - h;
        base[index] = y;
        const x = PAD.left + index * step;
        d += `M${x.toFixed(1)},${y.toFixed(2)}h${(step - gap).toFixed(1)}v${h.toFixed(2)}h${(gap - step).toFixed(1)}z`;
      });
      return { level, d };
    });
  });

  protected readonly ticks = computed(() => {
    const volume = this.volume();
    if (!volume) return [];
    const buckets = volume.counts.length;
    const parts = this.width() < 420 ? 2 : 4;
    const seconds = (volume.bucketMs * buckets) / parts < 120_000;
    return Array.from({ length: parts + 1 }, (_, i) => {
      const index = Math.round((i * buckets) / parts);
      return {
        x: PAD.left + index * this.bucketWidth(),
        label: clock(volume.from + index * volume.bucketMs, seconds),
        anchor: i === 0 ? 'start' : i === parts ? 'end' : 'middle',
      };
    });
  });

  protected readonly selection = computed(() => {
    const drag = this.drag();
    if (!drag) return null;
    const step = this.bucketWidth();
    const low = Math.min(drag.start, drag.end);
    const high = Math.max(drag.start, drag.end);
    return { x: PAD.left + low * step, width: (high - low + 1) * step };
  });

  protected readonly summary = computed(() => {
    const volume = this.volume();
    if (!volume) return 'Volume over time: loading';
    const sums = Object.fromEntries(LOG_LEVELS.map((level) => [level, 0])) as Record<
      string,
      number
    >;
    for (const counts of volume.counts)
      for (const level of LOG_LEVELS) sums[level] += counts[level];
    const all = LOG_LEVELS.reduce((sum, level) => sum + sums[level], 0);
    const worst = sums['error'] + sums['fatal'];
    return (
      `Volume by level from ${clock(volume.from, true)} to ${clock(bucketsEnd(volume), true)}: ` +
      `${count(all)} entries, ${count(worst)} errors or worse`
    );
  });

  /** The bucket under the pointer, spelled out beside the chart. */
  protected readonly readout = computed(() => {
    const volume = this.volume();
    const index = this.hovered();
    if (!volume || index === null) return null;
    const counts = volume.counts[index];
    const start = volume.from + index * volume.bucketMs;
    const seconds = volume.bucketMs < 60_000;
    const levels = LOG_LEVELS.filter((level) => counts[level] > 0).map(
      (level) => `${level} ${count(counts[level])}`,
    );
    return {
      when: `${clock(start, seconds)}–${clock(start + volume.bucketMs, seconds)}`,
      text: `${count(total(counts))} entries${levels.length ? ` (${levels.join(', ')})` : ''}`,
    };
  });

  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    afterNextRender(() => {
      const element = this.host.nativeElement as HTMLElement;
      this.width.set(element.clientWidth || 600);
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => this.width.set(element.clientWidth || 600));
      observer.observe(element);
      this.destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected onDown(event: PointerEvent): void {
    const index = this.indexAt(event);
    if (index === null || event.button !== 0) return;
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    this.drag.set({ start: index, end: index, startX: event.clientX });
  }

  protected onMove(event: PointerEvent): void {
    const index = this.indexAt(event);
    this.hovered.set(index);
    const drag = this.drag();
    if (drag && index !== null) this.drag.set({ ...drag, end: index });
  }

  protected onUp(event: PointerEvent): void {
    const drag = this.drag();
    const volume = this.volume();
    this.drag.set(null);
    if (!drag || !volume || Math.abs(event.clientX - drag.startX) < MIN_DRAG_PX) return;
    this.brushed.emit(bucketSpan(volume, drag.start, drag.end));
  }

  protected onLeave(): void {
    if (!this.drag()) this.hovered.set(null);
  }

  protected cancel(): void {
    this.drag.set(null);
  }

  private indexAt(event: PointerEvent): number | null {
    const volume = this.volume();
    if (!volume) return null;
    const rect = (event.currentTarget as Element).getBoundingClientRect();
    const x = event.clientX - rect.left - PAD.left;
    const index = Math.floor(x / this.bucketWidth());
    return Math.min(volume.counts.length - 1, Math.max(0, index));
  }
}
