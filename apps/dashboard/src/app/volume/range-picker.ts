import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { TimeRange } from '../logs/log-stream';
import { Clock } from '../shared/clock';
import {
  RANGE_PRESETS,
  customRange,
  describeRange,
  presetRange,
  toLocalInput,
  type RangePreset,
} from './time-range';

/** Live, a recent preset, or a custom range; null means live. */
@Component({
  selector: 'rt-range-picker',
  templateUrl: './range-picker.html',
  styleUrl: './range-picker.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RangePicker {
  private readonly clock = inject(Clock);
  readonly range = input.required<TimeRange | null>();
  readonly rangeChange = output<TimeRange | null>();

  protected readonly presets = RANGE_PRESETS;
  protected readonly customOpen = signal(false);
  protected readonly customError = signal<string | null>(null);
  protected readonly description = computed(() => {
    const range = this.range();
    return range ? describeRange(range, this.clock.now()) : null;
  });
  /** Set when the form opens, not bound to the clock, so typing is never overwritten. */
  protected readonly customFrom = signal('');
  protected readonly customTo = signal('');

  protected live(): void {
    this.customOpen.set(false);
    this.rangeChange.emit(null);
  }

  protected choose(preset: RangePreset): void {
    this.customOpen.set(false);
    this.rangeChange.emit(presetRange(preset, Date.now()));
  }

  protected toggleCustom(): void {
    this.customError.set(null);
    if (this.customOpen()) {
      this.customOpen.set(false);
      return;
    }
    // Opens on the range shown, or on the last 15 minutes while live.
    const now = Date.now();
    this.customFrom.set(toLocalInput(this.range()?.since ?? now - 15 * 60_000));
    this.customTo.set(toLocalInput(this.range()?.until ?? now));
    this.customOpen.set(true);
  }

  protected applyCustom(event: Event, from: string, to: string): void {
    event.preventDefault();
    const result = customRange(from, to);
    if (!result.ok) {
      this.customError.set(result.reason);
      return;
    }
    this.customError.set(null);
    this.customOpen.set(false);
    this.rangeChange.emit(result.range);
  }
}
