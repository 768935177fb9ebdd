import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { niceCeiling, shortCount } from '../shared/chart-scale';
import { count } from '../shared/format';

const SECONDS = 60;
/** SVG user units; the chart scales to its box, text included. */
export const RATE_CHART = { width: 260, height: 92, left: 34, right: 6, top: 8, bottom: 20 };
const PLOT_W = RATE_CHART.width - RATE_CHART.left - RATE_CHART.right;
const PLOT_H = RATE_CHART.height - RATE_CHART.top - RATE_CHART.bottom;
const X_TICKS = [60, 45, 30, 15, 0];

/** Last 60 per-second counts, zero-padded in front so the newest is always at the right. */
export function lastMinute(history: readonly number[]): number[] {
  const last = history.slice(-SECONDS);
  return [...Array<number>(SECONDS - last.length).fill(0), ...last];
}

function xAt(index: number): number {
  return RATE_CHART.left + (index / (SECONDS - 1)) * PLOT_W;
}

/** Ingest rate over the last 60 s, drawn in SVG so it follows the theme's colours. */
@Component({
  selector: 'rt-rate-chart',
  templateUrl: './rate-chart.html',
  styleUrl: './rate-chart.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'img', '[attr.aria-label]': 'label()' },
})
export class RateChart {
  /** Per-second counts, oldest first. */
  readonly history = input.required<readonly number[]>();

  protected readonly box = RATE_CHART;
  protected readonly plotBottom = RATE_CHART.top + PLOT_H;
  private readonly values = computed(() => lastMinute(this.history()));
  protected readonly top = computed(() => niceCeiling(Math.max(...this.values())));
  protected readonly topLabel = computed(() => shortCount(this.top()));
  protected readonly xTicks = X_TICKS.map((ago) => ({
    x: xAt(SECONDS - 1 - ago),
    label: ago === 0 ? 'now' : `−${ago}s`,
  }));
  private readonly points = computed(() => {
    const top = this.top();
    return this.values().map((value, index) => ({
      x: xAt(index),
      y: this.plotBottom - (value / top) * PLOT_H,
    }));
  });
  protected readonly line = computed(() =>
    this.points()
      .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
      .join(' '),
  );
  protected readonly area = computed(
    () =>
      `M${xAt(0)},${this.plotBottom} L${this.line().replaceAll(' ', ' L')} ` +
      `L${xAt(SECONDS - 1)},${this.plotBottom} Z`,
  );
  /** The second under the pointer, for the tooltip. */
  protected readonly hovered = signal<number | null>(null);
  protected readonly tip = computed(() => {
    const index = this.hovered();
    if (index === null) return null;
    const point = this.points()[index];
    const ago = SECONDS - 1 - index;
    const text = `${ago === 0 ? 'now' : `${ago} s ago`}: ${count(this.values()[index])}/s`;
    // Kept inside the plot: the label flips to the left of the point in the right half.
    const anchor = point.x > RATE_CHART.left + PLOT_W / 2 ? 'end' : 'start';
    return { ...point, text, anchor, textX: anchor === 'end' ? point.x - 5 : point.x + 5 };
  });

  protected readonly label = computed(
    () => `Ingest rate, last ${SECONDS} seconds; now ${this.history().at(-1) ?? 0} per second`,
  );

  protected onPointer(event: PointerEvent): void {
    const svg = event.currentTarget as SVGSVGElement;
    const rect = svg.getBoundingClientRect();
    if (!rect.width) return;
    const x = ((event.clientX - rect.left) / rect.width) * RATE_CHART.width;
    const index = Math.round(((x - RATE_CHART.left) / PLOT_W) * (SECONDS - 1));
    this.hovered.set(Math.min(SECONDS - 1, Math.max(0, index)));
  }

  protected leave(): void {
    this.hovered.set(null);
  }
}
