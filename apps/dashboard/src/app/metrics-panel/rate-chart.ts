import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  input,
} from '@angular/core';
import uPlot from 'uplot';

const SECONDS = 60;
const X_AXIS = Array.from({ length: SECONDS }, (_, i) => i - SECONDS + 1);

/** Ingest rate over the last 60 s; uPlot draws on one canvas, so updates cost microseconds. */
@Component({
  selector: 'rt-rate-chart',
  template: '',
  styles: `
    :host {
      display: block;
      min-height: 80px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'img', '[attr.aria-label]': 'label()' },
})
export class RateChart {
  private readonly host = inject(ElementRef<HTMLElement>);
  /** Per-second counts, oldest first. */
  readonly history = input.required<readonly number[]>();
  readonly width = input(260);
  readonly height = input(80);
  private chart: uPlot | null = null;

  constructor() {
    afterRenderEffect({
      write: () => {
        const values = padded(this.history());
        if (!this.chart) {
          this.chart = this.create(values);
        } else {
          this.chart.setData([X_AXIS, values]);
        }
      },
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  protected readonly label = computed(
    () => `Ingest rate, last ${SECONDS} seconds; now ${this.history().at(-1) ?? 0} per second`,
  );

  private create(values: number[]): uPlot {
    const accent =
      getComputedStyle(this.host.nativeElement).getPropertyValue('--rt-accent').trim() || '#b3261e';
    const muted =
      getComputedStyle(this.host.nativeElement).getPropertyValue('--rt-muted').trim() || '#57606a';
    const axis = { stroke: muted, grid: { show: false }, ticks: { show: false }, size: 28 };
    const chart = new uPlot(
      {
        width: this.width(),
        height: this.height(),
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { ...axis, show: false },
          { ...axis, size: 42 },
        ],
        series: [{}, { stroke: accent, width: 1.5, fill: `${accent}33`, points: { show: false } }],
      },
      [X_AXIS, values],
      this.host.nativeElement,
    );
    return chart;
  }
}

function padded(history: readonly number[]): number[] {
  const last = history.slice(-SECONDS);
  return [...Array<number>(SECONDS - last.length).fill(0), ...last];
}
