import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  untracked,
} from '@angular/core';
import type { LogEntry, LogFilter } from '@redtail/contracts';
import { Session } from '../auth/session';
import { EmptyState } from '../empty-state/empty-state';
import { FilterBar } from '../filter-bar/filter-bar';
import { LogTail } from '../log-tail/log-tail';
import { isFiltered, patternRefusal } from '../logs/log-filter';
import { LogHistory } from '../logs/log-history';
import { LogStream } from '../logs/log-stream';
import type { TimeZoneChoice } from '../shared/log-time';
import { withoutRange } from '../volume/time-range';

/** Bucket the server sums the long tail of services into; not a service to filter by. */
const OTHER_SERVICES = '(other)';

/**
 * The pinned second stream of the split view: its own `LogStream` (its own socket and
 * subscription, since the protocol carries one filter per connection), its own history, filter
 * bar and tail. The page owns the filter, so it travels in the URL.
 */
@Component({
  selector: 'rt-split-pane',
  imports: [FilterBar, LogTail, EmptyState],
  providers: [LogStream, LogHistory],
  templateUrl: './split-pane.html',
  styleUrl: './split-pane.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'region', 'aria-label': 'Pinned stream' },
})
export class SplitPane {
  protected readonly stream = inject(LogStream);
  readonly filter = input.required<LogFilter>();
  /** Field columns, wrap and time zone are the page's view options, shared with the main tail. */
  readonly fields = input<readonly string[]>([]);
  readonly wrap = input(false);
  readonly zone = input<TimeZoneChoice>('local');
  readonly filterChange = output<LogFilter>();
  readonly opened = output<LogEntry>();
  readonly closed = output<void>();
  readonly fieldsChange = output<string[]>();
  readonly wrapChange = output<boolean>();
  readonly zoneChange = output<TimeZoneChoice>();

  protected readonly filtered = computed(() => isFiltered(this.filter()));
  protected readonly highlightQuery = computed(() =>
    this.filter().regex ? undefined : this.filter().q,
  );
  /** A refused pattern is shown beside its box by the filter bar, not a second time here. */
  protected readonly paneError = computed(() => {
    const error = this.stream.error();
    return patternRefusal(error) ? null : error;
  });
  protected readonly services = computed(() =>
    Object.keys(this.stream.metrics()?.perService ?? {}).filter((name) => name !== OTHER_SERVICES),
  );
  protected readonly empty = computed(
    () => this.stream.lines().length === 0 && !this.stream.paused() && !this.stream.loading(),
  );

  constructor() {
    // The time range belongs to the main pane: a `since`/`until` in a hand-edited split= link
    // would only stop this live stream, so it is left out.
    effect(() => {
      const filter = withoutRange(this.filter());
      untracked(() => this.stream.setFilter(filter));
    });
    // A refused key is handled by the main stream, which signs out; this one just stops.
    this.stream.connect(inject(Session).token());
    inject(DestroyRef).onDestroy(() => this.stream.disconnect());
  }
}
