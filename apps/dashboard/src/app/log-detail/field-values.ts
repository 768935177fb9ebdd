import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import type { LogFieldValues, LogFilter } from '@redtail/contracts';
import { LogApi } from '../logs/log-api';
import { sameFilter } from '../logs/log-filter';
import { count } from '../shared/format';

type ValuesState =
  | { state: 'loading' }
  | { state: 'loaded'; values: LogFieldValues }
  | { state: 'failed'; reason: string };

/** Values listed: enough to see what dominates, few enough to read at a glance. */
const TOP = 10;

/**
 * The most frequent values of one context field in the view's lines (its filter and range, as
 * stored, not only the lines this tab holds), each a click away from becoming a field filter.
 */
@Component({
  selector: 'rt-field-values',
  templateUrl: './field-values.html',
  styleUrl: './field-values.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'region', '[attr.aria-label]': "'Values of ' + path()" },
})
export class FieldValues {
  private readonly api = inject(LogApi);

  readonly path = input.required<string>();
  /** The view's filter; an equal one (the address changed for another reason) asks nothing again. */
  readonly filter = input<LogFilter>({});
  /** A `path=value` condition to add to the view's filter. */
  readonly picked = output<string>();
  readonly closed = output<void>();

  private readonly viewFilter = computed(() => this.filter(), { equal: sameFilter });
  protected readonly state = signal<ValuesState>({ state: 'loading' });
  protected readonly count = count;
  protected readonly loaded = computed(() => {
    const state = this.state();
    return state.state === 'loaded' ? state.values : null;
  });
  protected readonly problem = computed(() => {
    const state = this.state();
    return state.state === 'failed' ? state.reason : null;
  });

  constructor() {
    effect((onCleanup) => {
      const path = this.path();
      const filter = this.viewFilter();
      untracked(() => this.state.set({ state: 'loading' }));
      const request = this.api.values(filter, path, TOP).subscribe({
        next: (values) => this.state.set({ state: 'loaded', values }),
        error: (error: { status?: number }) =>
          this.state.set({
            state: 'failed',
            reason:
              error.status === 429
                ? 'The server is busy reading; try again in a moment.'
                : 'The values could not be counted.',
          }),
      });
      onCleanup(() => request.unsubscribe());
    });
  }

  /** Share of the counted lines, for the bar behind a value. */
  protected share(values: LogFieldValues, times: number): number {
    return values.counted ? (100 * times) / values.counted : 0;
  }
}
