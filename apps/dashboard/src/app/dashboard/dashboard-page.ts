import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { LogEntry, LogFilter } from '@redtail/contracts';
import { Subscription, map } from 'rxjs';
import { Session } from '../auth/session';
import { EmptyState } from '../empty-state/empty-state';
import { FilterBar } from '../filter-bar/filter-bar';
import { LogDetail } from '../log-detail/log-detail';
import { LogTail } from '../log-tail/log-tail';
import { LogApi } from '../logs/log-api';
import { MAX_FIELD_COLUMNS, fieldsFromParams } from '../logs/field-columns';
import { filterFromParams, filterToParams, isFiltered, patternRefusal } from '../logs/log-filter';
import { LogStream, type TimeRange } from '../logs/log-stream';
import { SPLIT_PARAM, splitFromParams, splitToParam } from '../logs/split-filter';
import { MetricsPanel } from '../metrics-panel/metrics-panel';
import { PanicBanner } from '../panic/panic-banner';
import { PanicButton } from '../panic/panic-button';
import { ShortcutsDialog } from '../shortcuts/shortcuts-dialog';
import { shortcutFor } from '../shortcuts/shortcuts';
import { SplitPane } from '../split-pane/split-pane';
import { RangePicker } from '../volume/range-picker';
import { rangeOf, withoutRange } from '../volume/time-range';
import { VolumeChart } from '../volume/volume-chart';
import { VolumeStore } from '../volume/volume-store';
import { WatchStore } from '../watches/watch-store';
import { WatchesMenu } from '../watches/watches-menu';
import { LINE_PARAM, lineParam, linkedLine } from '../logs/line-link';
import {
  VIEW_STORAGE_KEY,
  ViewOptions,
  parseStoredView,
  viewFromParams,
  viewToParams,
} from './view-options';

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
    ShortcutsDialog,
    RangePicker,
    VolumeChart,
    SplitPane,
    WatchesMenu,
  ],
  providers: [VolumeStore],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onShortcut($event)' },
})
export class DashboardPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(Session);
  protected readonly stream = inject(LogStream);
  private readonly api = inject(LogApi);

  /** The URL is the source of truth for filters, so a view can be shared as a link. */
  protected readonly filter = toSignal(this.route.queryParamMap.pipe(map(filterFromParams)), {
    initialValue: {} as LogFilter,
  });
  protected readonly filtered = computed(() => isFiltered(this.filter()));
  /** `since`/`until` in the URL pick a past range; the live subscription never carries them. */
  private readonly liveFilter = computed(() => withoutRange(this.filter()));
  protected readonly range = computed(() => rangeOf(this.filter(), Date.now()));
  protected readonly volume = inject(VolumeStore);
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
  protected readonly patternRefused = computed(() => patternRefusal(this.stream.error()) !== null);
  /** A refused pattern is shown beside its box by the filter bar, not a second time here. */
  protected readonly pageError = computed(() => {
    const error = this.stream.error();
    return patternRefusal(error) ? null : error;
  });
  /** Wrap and time zone: from the link, else from this browser's last choice. */
  protected readonly view = toSignal(
    this.route.queryParamMap.pipe(map((params) => viewFromParams(params, storedView()))),
    { initialValue: { wrap: false, zone: 'local' } as ViewOptions },
  );
  protected readonly selected = signal<LogEntry | null>(null);
  /** The `line` parameter as the address has it: a link's line, opened once fetched. */
  private readonly linkedParam = toSignal(
    this.route.queryParamMap.pipe(map((params) => params.get(LINE_PARAM))),
    { initialValue: null },
  );
  /** Why the linked line could not be opened; null when it was (or no line is linked). */
  protected readonly linkProblem = signal<string | null>(null);
  private linkRequest: Subscription | null = null;
  protected readonly helpOpen = signal(false);
  private readonly tail = viewChild.required(LogTail);
  private readonly document = inject(DOCUMENT);
  protected readonly services = computed(() =>
    Object.keys(this.stream.metrics()?.perService ?? {}).filter((name) => name !== OTHER_SERVICES),
  );
  protected readonly empty = computed(
    () => this.stream.lines().length === 0 && !this.stream.paused() && !this.stream.loading(),
  );

  constructor() {
    effect(() => {
      const filter = this.liveFilter();
      const range = this.range();
      untracked(() => {
        this.stream.setFilter(filter);
        const shown = this.stream.range();
        if (range && (shown?.since !== range.since || shown?.until !== range.until)) {
          this.stream.pauseForRange(range.since, range.until);
        } else if (!range && shown) {
          this.stream.backToLive();
        }
      });
    });
    effect(() => {
      if (this.stream.panic()) untracked(() => this.close());
    });
    effect(() => {
      const param = this.linkedParam();
      untracked(() => this.openLinked(param));
    });
    effect(() => {
      const refusal = this.stream.refusal();
      if (refusal) untracked(() => this.session.signOut(`The server refused this key: ${refusal}`));
    });
    this.stream.connect(this.session.token());
    const watches = inject(WatchStore);
    watches.connect(this.session.token());
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => {
      this.stream.disconnect();
      watches.disconnect();
      this.linkRequest?.unsubscribe();
    });
    // A watch's notification was clicked: show its lines.
    watches.opened
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((filter) => this.showWatched(filter));
    // The socket pushes metrics once a second; fetching them once fills the panel right away.
    this.api
      .metrics()
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({
        next: (snapshot) => this.stream.offerMetrics(snapshot),
        // The push follows within a second; a rejected key is handled by the interceptor.
        error: () => undefined,
      });
  }

  protected changeFilter(filter: LogFilter, replaceUrl = true): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filterToParams(filter),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }

  /** A watch's lines replace the view as a step of their own: Back returns to the view before. */
  protected showWatched(filter: LogFilter): void {
    this.changeFilter(filter, false);
  }

  /** A range goes into the URL like a filter, so a zoomed view can be shared as a link. */
  protected changeRange(range: TimeRange | null): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        since: range ? new Date(range.since).toISOString() : null,
        until: range ? new Date(range.until).toISOString() : null,
      },
      queryParamsHandling: 'merge',
      replaceUrl: false,
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

  protected changeView(change: Partial<ViewOptions>): void {
    const view = { ...this.view(), ...change };
    try {
      localStorage.setItem(VIEW_STORAGE_KEY, JSON.stringify(view));
    } catch {
      // Storage can be full or refused (private windows): the URL still carries the choice.
    }
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: viewToParams(view),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /**
   * Pins a second stream, starting from this one's filter so it only needs the difference; the
   * pinned pane is always live, so a range shown here is not copied.
   */
  protected openSplit(): void {
    this.changeSplit(this.liveFilter());
  }

  protected changeSplit(filter: LogFilter | null): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { [SPLIT_PARAM]: splitToParam(filter) },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected addColumn(path: string): void {
    const fields = this.fields();
    if (!fields.includes(path) && fields.length < MAX_FIELD_COLUMNS) {
      this.changeFields([...fields, path]);
    }
  }

  /** A `path=value` from the detail pane joins the filter, which the server applies. */
  protected addCondition(condition: string): void {
    const filter = this.filter();
    const where = filter.where ?? [];
    if (!where.includes(condition)) this.changeFilter({ ...filter, where: [...where, condition] });
  }

  protected onShortcut(event: KeyboardEvent): void {
    const action = shortcutFor(event);
    if (!action) return;
    // Open dialogs (panic, shortcuts) handle their own keys; only Escape reaches the page then.
    const modal = this.document.querySelector('[aria-modal="true"]');
    if (modal && action !== 'close') return;
    switch (action) {
      case 'close':
        if (this.helpOpen()) this.helpOpen.set(false);
        // An open watches panel takes this Escape for itself; the line stays open.
        else if (!modal && this.selected() && !this.document.getElementById('rt-watches')) {
          this.close();
        } else return;
        break;
      case 'search':
        this.document.getElementById('rt-search')?.focus();
        break;
      case 'next':
      case 'previous': {
        const line = this.tail().move(action === 'next' ? 1 : -1);
        if (line && this.selected()) this.open(line);
        break;
      }
      case 'open': {
        const line = this.tail().activeLine();
        if (!line) return;
        this.open(line);
        break;
      }
      case 'pause':
        this.tail().togglePause();
        break;
      case 'help':
        this.helpOpen.set(true);
        break;
    }
    event.preventDefault();
  }

  /** Opens a line in the detail pane; the address names it, so it can be shared as a link. */
  protected open(entry: LogEntry): void {
    this.selected.set(entry);
    this.linkProblem.set(null);
    this.setLineParam(this.lineParamOf(entry));
  }

  /** The `line` parameter naming an entry: its id and the epoch it belongs to. */
  protected lineParamOf(entry: LogEntry): string {
    return lineParam(entry.id, this.stream.epochTag());
  }

  protected close(): void {
    this.linkRequest?.unsubscribe();
    this.selected.set(null);
    this.linkProblem.set(null);
    this.setLineParam(null);
  }

  /** Fetches the line a link names, unless it is the one already open. */
  private openLinked(param: string | null): void {
    if (param === null) return;
    const line = linkedLine(param);
    if (line === null) {
      this.linkProblem.set('This link’s line is not an entry id (they look like 1-3187).');
      return;
    }
    if (this.selected()?.id === line.id) return;
    this.linkRequest?.unsubscribe();
    this.linkRequest = this.api.entry(line.id, line.epochTag).subscribe({
      next: (entry) => {
        this.selected.set(entry);
        this.linkProblem.set(null);
      },
      error: (error: { status?: number }) =>
        this.linkProblem.set(
          error.status === 404
            ? 'The linked line is no longer stored: it was evicted, or wiped by a panic.'
            : 'The linked line could not be loaded.',
        ),
    });
  }

  private setLineParam(param: string | null): void {
    if (this.route.snapshot.queryParamMap.get(LINE_PARAM) === param) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { [LINE_PARAM]: param },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}

function storedView(): ReturnType<typeof parseStoredView> {
  try {
    return parseStoredView(localStorage.getItem(VIEW_STORAGE_KEY));
  } catch {
    return {};
  }
}
