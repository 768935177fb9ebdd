import {
  CdkVirtualForOf,
  CdkVirtualScrollViewport,
  VIRTUAL_SCROLL_STRATEGY,
} from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  afterNextRender,
  effect,
  afterRenderEffect,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { LogEntry } from '@redtail/contracts';
import { Highlight } from '../highlight/highlight';
import { NDJSON_TYPE, exportFileName, toNdjson } from '../logs/log-export';
import { fieldKnown, fieldText, parseFields, readsContext } from '../logs/field-columns';
import { LogApi } from '../logs/log-api';
import { LogHistory } from '../logs/log-history';
import { FRAME_SCHEDULER } from '../logs/log-socket';
import { LogStream, MAX_CAPACITY, MIN_CAPACITY } from '../logs/log-stream';
import { wholeEntries } from '../logs/whole-entries';
import { Clock } from '../shared/clock';
import { FileDownload } from '../shared/file-download';
import { count } from '../shared/format';
import { TimeZoneChoice, logTime, timeTitle } from '../shared/log-time';
import { foldMessage, messageLines } from '../shared/message-lines';
import { ROW_HEIGHT, RowShape, rowHeight } from './row-height';
import { RowLayout, uniformLayout, variableLayout } from './row-layout';
import { RowLayoutStrategy } from './row-layout-strategy';
import { ReusedFloats } from './reused-floats';
import { FoldedRowHeights, indexOfSeq } from './row-heights';

export { ROW_HEIGHT } from './row-height';
/** Rows drawn beyond each edge of the viewport, so a short scroll shows rows already there. */
const BUFFER_PX = 240;
/** Characters per wrapped line until the message column has been measured. */
const DEFAULT_COLUMNS = 120;
/** Narrower than this, the message takes a line of its own under time, level and service. */
const STACK_BELOW_PX = 640;
const CAPACITY_CHOICES = [1_000, 5_000, 10_000, 50_000, MAX_CAPACITY];
/** A scroll within this long after a wheel, key or pointer event is the user's, not ours. */
const USER_INPUT_WINDOW_MS = 1_000;

@Component({
  selector: 'rt-log-tail',
  imports: [CdkVirtualScrollViewport, CdkVirtualForOf, Highlight],
  templateUrl: './log-tail.html',
  styleUrl: './log-tail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    { provide: VIRTUAL_SCROLL_STRATEGY, useFactory: () => new RowLayoutStrategy(BUFFER_PX) },
  ],
  host: {
    '[class.wrap]': 'wrap()',
    '[class.stacked]': 'stacked()',
    '[style.--rt-columns]': 'gridColumns()',
  },
})
export class LogTail {
  protected readonly stream = inject(LogStream);
  protected readonly history = inject(LogHistory);
  private readonly files = inject(FileDownload);
  private readonly api = inject(LogApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly clock = inject(Clock);
  private readonly strategy = inject(VIRTUAL_SCROLL_STRATEGY) as RowLayoutStrategy;
  private readonly nextFrame = inject(FRAME_SCHEDULER);
  readonly query = input<string | undefined>('');
  readonly selectedId = input<string | null>(null);
  /** Context fields shown as columns after the service (`?fields=` in the URL). */
  readonly fields = input<readonly string[]>([]);
  /** Long lines wrap instead of ending in an ellipsis. */
  readonly wrap = input(false);
  readonly zone = input<TimeZoneChoice>('local');
  /** Starts each row's id (the list's active descendant): unique per tail when a page has two. */
  readonly idPrefix = input('line');
  readonly opened = output<LogEntry>();
  readonly fieldsChange = output<string[]>();
  readonly wrapChange = output<boolean>();
  readonly zoneChange = output<TimeZoneChoice>();

  protected readonly capacityChoices = CAPACITY_CHOICES;
  protected readonly minCapacity = MIN_CAPACITY;
  protected readonly count = count;
  protected readonly fieldText = fieldText;
  protected readonly fieldKnown = fieldKnown;
  protected readonly fold = foldMessage;
  /** Changes once a day, so times are not re-rendered every second for nothing. */
  private readonly today = computed(() => new Date(this.clock.now()).toDateString());
  private readonly todayAt = computed(() => {
    this.today();
    return untracked(() => this.clock.now());
  });
  protected readonly time = (iso: string) => logTime(iso, this.zone(), this.todayAt());
  /** Seqs of the multi-line messages shown whole. */
  protected readonly expanded = signal<ReadonlySet<number>>(new Set());
  /** Characters per line of the message column, measured in the browser. */
  private readonly columns = signal(DEFAULT_COLUMNS);
  protected readonly stacked = signal(false);
  private readonly folded = new FoldedRowHeights();
  /** The rows' offsets, rewritten in place by each layout (only the latest is ever read). */
  private readonly offsets = new ReusedFloats();
  protected readonly layout = computed<RowLayout>(() => {
    const lines = this.stream.lines();
    const wrap = this.wrap();
    const expanded = this.expanded();
    const stacked = this.stacked();
    if (!wrap && !expanded.size) {
      return uniformLayout(
        lines.length,
        rowHeight('', { wrap, expanded: false, columns: 1, stacked }),
      );
    }
    const columns = this.columns();
    const folded = this.folded.of(lines, { wrap, expanded: false, columns, stacked });
    if (!expanded.size) return variableLayout(folded, this.offsets);
    const heights = folded.slice();
    for (const seq of expanded) {
      const index = indexOfSeq(lines, seq);
      if (index === -1) continue;
      heights[index] = rowHeight(lines[index].message, { wrap, expanded: true, columns, stacked });
    }
    return variableLayout(heights, this.offsets);
  });
  /**
   * The row grid, shared by the header and every row so their columns line up: fixed widths,
   * the time as wide as the oldest line's needs (it carries a date when not from today).
   */
  protected readonly gridColumns = computed(() => {
    const oldest = this.stream.lines()[0];
    const timeChars = oldest ? this.time(oldest.timestamp).length : 12;
    const fields = this.fields().map(() => ' var(--rt-field-width)');
    return `${timeChars + 1}ch var(--rt-level-width) var(--rt-service-width)${fields.join('')} minmax(0, 1fr)`;
  });
  protected readonly following = signal(true);
  /** Alternates per highlighted frame: a row reused for a newer line must restart its flash. */
  protected readonly flash = computed(() => (this.stream.freshBatch() % 2 ? 'a' : 'b'));
  protected readonly historyNote = computed(() => {
    switch (this.history.state()) {
      case 'loading':
        return 'Loading older lines…';
      case 'exhausted':
        return 'No older entries';
      case 'full':
        return `The buffer is full (${count(this.stream.capacity())} lines): keep more lines to load older ones`;
      case 'failed':
        return 'Older lines could not be loaded';
      default:
        return this.history.loaded() ? `${count(this.history.loaded())} older lines loaded` : '';
    }
  });
  /** Set while the lines received without their context are fetched whole for an export. */
  protected readonly preparing = signal(false);
  /** Lines the last export still holds without their context, and whether fetching them failed. */
  protected readonly exportShortfall = signal<{ withheld: number; failed: boolean } | null>(null);
  /** Set when scrolling up paused the stream, so scrolling back down resumes it. */
  private pausedByScroll = false;
  private lastUserInput = 0;
  /** The content height the list was last scrolled to the bottom for. */
  private stuckAt = -1;
  private stickScheduled = false;
  /** Set once the spacer's size is watched: it then says when to scroll to the newest line. */
  private contentWatched = false;
  private destroyed = false;

  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);
  protected readonly activeSeq = signal<number | null>(null);
  protected readonly activeIndex = computed(() => {
    const seq = this.activeSeq();
    return seq === null ? -1 : indexOfSeq(this.stream.lines(), seq);
  });
  protected readonly activeId = computed(() =>
    this.activeIndex() === -1 ? null : `${this.idPrefix()}-${this.activeSeq()}`,
  );

  /** The line at the top when older lines were asked for, and how far it was scrolled. */
  private olderAnchor: { seq: number; offset: number } | null = null;

  constructor() {
    // Only columns that read the context bring it back into the live stream.
    effect(() => this.stream.setColumnsReadContext(this.fields().some(readsContext)));
    this.strategy.useLayout(
      () => untracked(this.layout),
      () => untracked(this.following),
    );
    afterRenderEffect(() => {
      this.layout();
      this.strategy.refresh();
    });
    afterRenderEffect(() => {
      this.fields();
      this.wrap();
      this.measureColumns();
    });
    afterRenderEffect(() => this.keepAnchorInPlace(this.stream.lines()));
    afterRenderEffect(() => {
      const { count, total } = this.layout();
      // With a full buffer of one-line rows the bottom offset stays the same: scrolling there
      // again would only force a synchronous layout on every frame.
      if (!this.following() || !count || total === this.stuckAt) return;
      // The spacer takes the new height in this frame's layout, and its observer then scrolls.
      if (this.contentWatched) this.sizeContentNow(total);
      else this.stickOnNextFrame();
    });
    afterNextRender(() => {
      this.watchViewportSize();
      this.watchContentSize();
    });
    this.destroyRef.onDestroy(() => (this.destroyed = true));
  }

  /**
   * Where the browser reports sizes, the list is scrolled to its newest line when its content
   * height has changed, after the frame's layout and before its paint: the offset is then set on
   * a layout that is already clean, so the rows are laid out once per frame and the new bottom
   * is painted in the frame that drew the rows. Scrolling at the start of the next frame instead
   * forced a second layout whenever the next rows had been written by then (the heaviest frames
   * of a busy stream, bench/findings.md).
   */
  private watchContentSize(): void {
    if (typeof ResizeObserver === 'undefined') return;
    const spacer = this.viewport().elementRef.nativeElement.querySelector<HTMLElement>(
      '.cdk-virtual-scroll-spacer',
    );
    if (!spacer) return;
    const observer = new ResizeObserver(() => {
      const { count, total } = untracked(this.layout);
      if (untracked(this.following) && count && total !== this.stuckAt) this.stickToBottom();
    });
    observer.observe(spacer);
    this.contentWatched = true;
    this.destroyRef.onDestroy(() => observer.disconnect());
  }

  /**
   * Without a ResizeObserver: scrolls to the newest line at the start of the next frame, when the list has drawn its new
   * rows (the CDK draws its range in a change detection of its own, after this one). Setting the
   * offset forces a layout: done then, it is the frame's own layout, once for both panes, where
   * done now it was one more per pane and frame.
   */
  private stickOnNextFrame(): void {
    if (this.stickScheduled) return;
    this.stickScheduled = true;
    this.nextFrame(() => {
      this.stickScheduled = false;
      if (!this.destroyed && this.following()) this.stickToBottom();
    });
  }

  /**
   * The CDK measures its viewport only on window resizes; notices and the detail pane change it
   * too. Measuring on every frame instead forces a synchronous layout per frame, which at tens of
   * thousands of lines per second was most of the main thread's time.
   */
  private watchViewportSize(): void {
    if (typeof ResizeObserver === 'undefined') return;
    const viewport = this.viewport();
    const observer = new ResizeObserver(() => {
      viewport.checkViewportSize();
      this.measureColumns();
      if (this.following() && this.stream.lines().length) this.stickToBottom();
    });
    observer.observe(viewport.elementRef.nativeElement);
    this.destroyRef.onDestroy(() => observer.disconnect());
  }

  /**
   * Rows are kept by position, not by line: while following a busy stream every visible line is
   * new on each frame, and rebinding the same rows costs a few text updates where replacing them
   * costs DOM removals, insertions and style recalculation.
   */
  protected trackRow(index: number): number {
    return index;
  }

  /**
   * Wrapped heights depend on how many characters fit in the message column; the header's
   * message cell is as wide as every row's.
   */
  private measureColumns(): void {
    const root = this.host.nativeElement;
    const width = root.getBoundingClientRect().width;
    if (width) this.stacked.set(width < STACK_BELOW_PX);
    const cell = root.querySelector<HTMLElement>('.heads .message');
    const probe = root.querySelector<HTMLElement>('.probe');
    const charWidth = probe ? probe.getBoundingClientRect().width / 10 : 0;
    if (!cell || !charWidth) return;
    const columns = Math.max(1, Math.floor(cell.clientWidth / charWidth));
    if (columns !== this.columns()) this.columns.set(columns);
  }

  private shape(entry: LogEntry): RowShape {
    return {
      wrap: this.wrap(),
      expanded: this.expanded().has(entry.seq),
      columns: this.columns(),
      stacked: this.stacked(),
    };
  }

  protected heightOf(entry: LogEntry): number {
    return rowHeight(entry.message, this.shape(entry));
  }

  /** The lines after the first of a message shown whole. */
  protected rest(message: string): string {
    return messageLines(message).slice(1).join('\n');
  }

  protected toggleExpanded(seq: number, open?: boolean): void {
    const expanded = new Set(this.expanded());
    const show = open ?? !expanded.has(seq);
    if (show === expanded.has(seq)) return;
    if (show) expanded.add(seq);
    else expanded.delete(seq);
    this.expanded.set(expanded);
  }

  protected removeField(path: string): void {
    this.fieldsChange.emit(this.fields().filter((each) => each !== path));
  }

  /** The relative time is written when the pointer reaches a time, so it is never stale. */
  protected describeTime(event: Event): void {
    const time = (event.target as Element).closest?.('time');
    const iso = time?.getAttribute('datetime');
    if (time && iso) time.setAttribute('title', timeTitle(iso, Date.now()));
  }

  /** Moves the active line by `delta` (`j`/`k`), starting from the newest. */
  move(delta: number): LogEntry | null {
    const lines = this.stream.lines();
    if (!lines.length) return null;
    const current = this.activeIndex();
    const next =
      current === -1 ? lines.length - 1 : Math.max(0, Math.min(lines.length - 1, current + delta));
    this.activeSeq.set(lines[next].seq);
    if (next < lines.length - 1) this.leaveBottom();
    this.reveal(next);
    return lines[next];
  }

  /** The active line, for Enter pressed anywhere on the page. */
  activeLine(): LogEntry | null {
    const index = this.activeIndex();
    return index === -1 ? null : this.stream.lines()[index];
  }

  /** Space and the Pause button act on the live tail; a past range has nothing arriving. */
  togglePause(): void {
    if (this.stream.range()) return;
    this.pausedByScroll = false;
    if (this.stream.paused()) this.resume();
    else this.stream.pause();
  }

  protected resume(): void {
    this.pausedByScroll = false;
    this.stream.resume();
    this.following.set(true);
  }

  /**
   * Exactly what the tab holds for this filter, masked as it arrived. Lines that came without
   * their context are fetched whole first: the file holds no less than before they did.
   */
  protected download(): void {
    this.exportShortfall.set(null);
    this.preparing.set(true);
    wholeEntries(this.stream.lines(), this.stream.activeFilter, (filter, before, limit) =>
      this.api.older(filter, before, limit),
    )
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ lines, withheld, failed }) => {
        this.preparing.set(false);
        this.files.save(exportFileName(new Date()), toNdjson(lines), NDJSON_TYPE);
        if (withheld) this.exportShortfall.set({ withheld, failed });
      });
  }

  protected setFields(event: Event): void {
    this.fieldsChange.emit(parseFields((event.target as HTMLInputElement).value));
  }

  protected setCapacity(event: Event): void {
    this.stream.setCapacity(Number((event.target as HTMLSelectElement).value));
  }

  /** One listener for all rows: rows come and go as the list scrolls. */
  protected onClick(event: MouseEvent): void {
    const row = (event.target as Element).closest<HTMLElement>('[data-seq]');
    if (!row) return;
    const lines = this.stream.lines();
    const index = indexOfSeq(lines, Number(row.dataset['seq']));
    if (index === -1) return;
    if ((event.target as Element).closest('.more')) {
      this.toggleExpanded(lines[index].seq);
      return;
    }
    this.activeSeq.set(lines[index].seq);
    this.opened.emit(lines[index]);
  }

  protected noteUserInput(): void {
    this.lastUserInput = performance.now();
  }

  protected onScroll(): void {
    const byUser = performance.now() - this.lastUserInput < USER_INPUT_WINDOW_MS;
    // Our own scroll to the newest line: the rendering effects keep the list there, and measuring
    // now would force a layout of the rows just written on every frame of a busy stream.
    if (this.following() && !byUser) return;
    const viewport = this.viewport();
    const atBottom = viewport.measureScrollOffset('bottom') < ROW_HEIGHT * 2;
    if (atBottom) {
      if (!this.following()) this.following.set(true);
      if (this.pausedByScroll) this.resume();
      return;
    }
    if (byUser) this.leaveBottom();
    // Only from a settled state: after a failure or with a full buffer, the button says why.
    const atTop = viewport.measureScrollOffset('top') < ROW_HEIGHT;
    if (byUser && atTop && this.history.state() === 'idle') this.loadOlder();
  }

  /**
   * "Load older", from the button or by scrolling to the top: the line at the top stays where
   * it is on screen when older lines land above it, so reading is not interrupted and the next
   * page loads only when the reader scrolls up again.
   */
  protected loadOlder(): void {
    const lines = this.stream.lines();
    const state = this.history.state();
    if (state === 'loading' || state === 'exhausted') return;
    const viewport = this.viewport();
    const top = viewport.measureScrollOffset('top');
    const layout = this.layout();
    const index = layout.indexAt(top);
    const first = lines[index];
    this.olderAnchor = first ? { seq: first.seq, offset: top - layout.offsetOf(index) } : null;
    this.history.loadOlder();
  }

  protected jumpToLatest(): void {
    if (this.stream.paused()) this.resume();
    this.following.set(true);
    this.stickToBottom();
  }

  protected onKey(event: KeyboardEvent): void {
    this.noteUserInput();
    const lines = this.stream.lines();
    if (!lines.length) return;
    const current = this.activeIndex();
    const page = Math.max(1, Math.floor(this.viewport().getViewportSize() / ROW_HEIGHT) - 1);
    if (current !== -1 && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      // Like a tree: right shows a multi-line message whole, left folds it again.
      event.preventDefault();
      this.toggleExpanded(lines[current].seq, event.key === 'ArrowRight');
      return;
    }
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = current === -1 ? lines.length - 1 : Math.min(lines.length - 1, current + 1);
        break;
      case 'ArrowUp':
        next = current === -1 ? lines.length - 1 : Math.max(0, current - 1);
        break;
      case 'PageDown':
        next = Math.min(lines.length - 1, Math.max(0, current) + page);
        break;
      case 'PageUp':
        next = Math.max(0, (current === -1 ? lines.length - 1 : current) - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = lines.length - 1;
        break;
      case 'Enter':
        if (current !== -1) {
          event.preventDefault();
          this.opened.emit(lines[current]);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeSeq.set(lines[next].seq);
    if (next < lines.length - 1) this.leaveBottom();
    else if (event.key === 'End') this.jumpToLatest();
    this.reveal(next);
  }

  private leaveBottom(): void {
    this.stuckAt = -1;
    if (this.following()) this.following.set(false);
    if (!this.stream.paused() && !this.stream.range()) {
      this.stream.pause();
      this.pausedByScroll = true;
    }
  }

  private reveal(index: number): void {
    const viewport = this.viewport();
    const top = viewport.measureScrollOffset('top');
    const size = viewport.getViewportSize();
    const layout = this.layout();
    const offset = layout.offsetOf(index);
    const end = layout.offsetOf(index + 1);
    if (offset < top) viewport.scrollToOffset(offset);
    else if (end > top + size) viewport.scrollToOffset(Math.min(offset, end - size));
  }

  private keepAnchorInPlace(lines: readonly LogEntry[]): void {
    const anchor = this.olderAnchor;
    if (!anchor || this.following() || !lines.length || lines[0].seq >= anchor.seq) return;
    this.olderAnchor = null;
    const index = indexOfSeq(lines, anchor.seq);
    if (index <= 0) return;
    const viewport = this.viewport();
    // The CDK sizes its scroll content on its own schedule; size it now so the offset is not cut.
    const layout = this.layout();
    this.sizeContentNow(layout.total);
    viewport.scrollToOffset(layout.offsetOf(index) + anchor.offset);
  }

  private stickToBottom(): void {
    this.stuckAt = untracked(this.layout).total;
    this.sizeContentNow(this.stuckAt);
    this.viewport().scrollToOffset(this.stuckAt);
  }

  /**
   * The CDK applies a new content height at its next change detection; an offset beyond the old
   * height would be cut short, so the spacer is sized before scrolling.
   */
  private sizeContentNow(total: number): void {
    const viewport = this.viewport();
    viewport.setTotalContentSize(total);
    const spacer = viewport.elementRef.nativeElement.querySelector<HTMLElement>(
      '.cdk-virtual-scroll-spacer',
    );
    if (spacer) spacer.style.height = `${total}px`;
  }
}
