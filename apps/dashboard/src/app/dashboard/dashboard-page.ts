import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { LogEntry, LogFilter } from '@redtail/contracts';
import { map } from 'rxjs';
import { Session } from '../auth/session';
import { EmptyState } from '../empty-state/empty-state';
import { FilterBar } from '../filter-bar/filter-bar';
import { LogDetail } from '../log-detail/log-detail';
import { LogTail } from '../log-tail/log-tail';
import { LogApi } from '../logs/log-api';
import { fieldsFromParams } from '../logs/field-columns';
import { filterFromParams, filterToParams, isFiltered, patternRefusal } from '../logs/log-filter';
import { LogStream } from '../logs/log-stream';
import { MetricsPanel } from '../metrics-panel/metrics-panel';
import { PanicBanner } from '../panic/panic-banner';
import { PanicButton } from '../panic/panic-button';
import { SPLIT_PARAM, splitFromParams, splitToParam } from '../logs/split-filter';
import { SplitPane } from '../split-pane/split-pane';

/** Bucket the server sums the long tail of services into; not a service to filter by. */
const OTHER_SERVICES = '(other)';

@Component({
  selector: 'rt-dashboard-page',
  imports: [
    FilterBar,
    LogTail,
    LogDetail,
    MetricsPanel,
    PanicBanner,
    PanicButton,
    EmptyState,
    SplitPane,
  ],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(Session);
  protected readonly stream = inject(LogStream);

  /** The URL is the source of truth for filters, so a view can be shared as a link. */
  protected readonly filter = toSignal(this.route.queryParamMap.pipe(map(filterFromParams)), {
    initialValue: {} as LogFilter,
  });
  protected readonly filtered = computed(() => isFiltered(this.filter()));
  /** The pinned second stream's filter (`?split=`), or null while there is no split view. */
  protected readonly split = toSignal(this.route.queryParamMap.pipe(map(splitFromParams)), {
    initialValue: null,
  });
  /** The tail's field columns travel in the URL too. */
  protected readonly fields = toSignal(this.route.queryParamMap.pipe(map(fieldsFromParams)), {
    initialValue: [] as string[],
  });
  /** Highlighting is literal, so a regular expression is not highlighted rather than mis-highlighted. */
  protected readonly highlightQuery = computed(() =>
    this.filter().regex ? undefined : this.filter().q,
  );
  /** A refused pattern is shown beside its box by the filter bar, not a second time here. */
  protected readonly pageError = computed(() => {
    const error = this.stream.error();
    return patternRefusal(error) ? null : error;
  });
  protected readonly selected = signal<LogEntry | null>(null);
  protected readonly services = computed(() =>
    Object.keys(this.stream.metrics()?.perService ?? {}).filter((name) => name !== OTHER_SERVICES),
  );
  protected readonly empty = computed(
    () => this.stream.lines().length === 0 && !this.stream.paused() && !this.stream.loading(),
  );

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => this.stream.setFilter(filter));
    });
    effect(() => {
      if (this.stream.panic()) untracked(() => this.selected.set(null));
    });
    effect(() => {
      const refusal = this.stream.refusal();
      if (refusal) untracked(() => this.session.signOut(`The server refused this key: ${refusal}`));
    });
    this.stream.connect(this.session.token());
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => this.stream.disconnect());
    // The socket pushes metrics once a second; fetching them once fills the panel right away.
    inject(LogApi)
      .metrics()
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({
        next: (snapshot) => this.stream.offerMetrics(snapshot),
        // The push follows within a second; a rejected key is handled by the interceptor.
        error: () => undefined,
      });
  }

  protected changeFilter(filter: LogFilter): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filterToParams(filter),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected changeFields(fields: string[]): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { fields: fields.length ? fields.join(',') : null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** Pins a second stream, starting from this one's filter so it only needs the difference. */
  protected openSplit(): void {
    this.changeSplit(this.filter());
  }

  protected changeSplit(filter: LogFilter | null): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { [SPLIT_PARAM]: splitToParam(filter) },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected open(entry: LogEntry): void {
    this.selected.set(entry);
  }

  protected close(): void {
    this.selected.set(null);
  }
}
