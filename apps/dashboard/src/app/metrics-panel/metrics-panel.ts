import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { LogStream } from '../logs/log-stream';
import { Clock } from '../shared/clock';
import { bytes, count, relativeTime } from '../shared/format';
import { RateChart } from './rate-chart';

@Component({
  selector: 'rt-metrics-panel',
  imports: [RateChart],
  templateUrl: './metrics-panel.html',
  styleUrl: './metrics-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'region', 'aria-label': 'Metrics' },
})
/** Level counts are not repeated here: the filter bar's level toggles carry them. */
export class MetricsPanel {
  private readonly stream = inject(LogStream);
  private readonly clock = inject(Clock);

  protected readonly metrics = this.stream.metrics;
  protected readonly count = count;
  protected readonly bytes = bytes;
  protected readonly round = Math.round;
  protected readonly lastLog = computed(() =>
    relativeTime(this.metrics()?.lastLogAt ?? null, this.clock.now()),
  );
  protected readonly history = computed(() => this.metrics()?.rate.history ?? []);
  protected readonly masked = computed(() =>
    Object.entries(this.metrics()?.maskedPerType ?? {})
      .filter((pair): pair is [string, number] => (pair[1] ?? 0) > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([type, n]) => ({ type, n })),
  );
}
