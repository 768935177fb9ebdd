import {
  CdkFixedSizeVirtualScroll,
  CdkVirtualForOf,
  CdkVirtualScrollViewport,
} from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  afterNextRender,
  afterRenderEffect,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { LogEntry } from '@redtail/contracts';
import { Highlight } from '../highlight/highlight';
import { NDJSON_TYPE, exportFileName, toNdjson } from '../logs/log-export';
import { fieldText, parseFields } from '../logs/field-columns';
import { LogHistory } from '../logs/log-history';
import { LogStream, MAX_CAPACITY, MIN_CAPACITY } from '../logs/log-stream';
import { FileDownload } from '../shared/file-download';
import { clockTime, count } from '../shared/format';

/** Fixed row height: virtual scrolling stays O(visible rows) only when rows never vary. */
export const ROW_HEIGHT = 24;
const CAPACITY_CHOICES = [1_000, 5_000, 10_000, 50_000, MAX_CAPACITY];
/** A scroll within this long after a wheel, key or pointer event is the user's, not ours. */
const USER_INPUT_WINDOW_MS = 1_000;

/** Index of the line with `seq` in lines sorted by seq, or -1. */
export function indexOfSeq(lines: readonly LogEntry[], seq: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = lines[middle].seq;
    if (found === seq) return middle;
    if (found < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

@Component({
  selector: 'rt-log-tail',
  imports: [CdkVirtualScrollViewport, CdkFixedSizeVirtualScroll, CdkVirtualForOf, Highlight],
  templateUrl: './log-tail.html',
  styleUrl: './log-tail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogTail {
  protected readonly stream = inject(LogStream);
  protected readonly history = inject(LogHistory);
  private readonly files = inject(FileDownload);
  private readonly destroyRef = inject(DestroyRef);
  readonly query = input<string | undefined>('');
  readonly selectedId = input<string | null>(null);
  /** Context fields shown as `name=value` cells after the service (`?fields=` in the URL). */
  readonly fields = input<readonly string[]>([]);
  /** Starts each row's id (the list's active descendant): unique per tail when a page has two. */
  readonly idPrefix = input('line');
  readonly opened = output<LogEntry>();
  readonly fieldsChange = output<string[]>();

  protected readonly rowHeight = ROW_HEIGHT;
  protected readonly capacityChoices = CAPACITY_CHOICES;
  protected readonly minCapacity = MIN_CAPACITY;
  protected readonly count = count;
  protected readonly time = (iso: string) => clockTime(iso, true);
  protected readonly fieldText = fieldText;
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
  /** Set when scrolling up paused the stream, so scrolling back down resumes it. */
  private pausedByScroll = false;
  private lastUserInput = 0;
  /** The length the list was last scrolled to the bottom for. */
  private stuckAt = -1;

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
    afterRenderEffect(() => this.keepAnchorInPlace(this.stream.lines()));
    afterRenderEffect(() => {
      const length = this.stream.lines().length;
      // With a full buffer the length, and so the bottom offset, stays the same: scrolling there
      // again would only force a synchronous layout on every frame.
      if (this.following() && length && length !== this.stuckAt) this.stickToBottom();
    });
    afterNextRender(() => this.watchViewportSize());
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

  protected togglePause(): void {
    this.pausedByScroll = false;
    if (this.stream.paused()) this.resume();
    else this.stream.pause();
  }

  protected resume(): void {
    this.pausedByScroll = false;
    this.stream.resume();
    this.following.set(true);
  }

  /** Exactly what the tab holds for this filter, masked as it arrived. */
  protected download(): void {
    this.files.save(exportFileName(new Date()), toNdjson(this.stream.lines()), NDJSON_TYPE);
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
    this.activeSeq.set(lines[index].seq);
    this.opened.emit(lines[index]);
  }

  protected noteUserInput(): void {
    this.lastUserInput = performance.now();
  }

  protected onScroll(): void {
    const viewport = this.viewport();
    const atBottom = viewport.measureScrollOffset('bottom') < ROW_HEIGHT * 2;
    if (atBottom) {
      if (!this.following()) this.following.set(true);
      if (this.pausedByScroll) this.resume();
      return;
    }
    const byUser = performance.now() - this.lastUserInput < USER_INPUT_WINDOW_MS;
    if (byUser) this.leaveBottom();
    else if (this.following()) this.stickToBottom();
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
    const first = lines[Math.min(lines.length - 1, Math.floor(top / ROW_HEIGHT))];
    this.olderAnchor = first ? { seq: first.seq, offset: top % ROW_HEIGHT } : null;
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
      case ' ':
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
    if (!this.stream.paused()) {
      this.stream.pause();
      this.pausedByScroll = true;
    }
  }

  private reveal(index: number): void {
    const viewport = this.viewport();
    const top = viewport.measureScrollOffset('top');
    const size = viewport.getViewportSize();
    const offset = index * ROW_HEIGHT;
    if (offset < top) viewport.scrollToOffset(offset);
    else if (offset + ROW_HEIGHT > top + size) viewport.scrollToOffset(offset + ROW_HEIGHT - size);
  }

  private keepAnchorInPlace(lines: readonly LogEntry[]): void {
    const anchor = this.olderAnchor;
    if (!anchor || this.following() || !lines.length || lines[0].seq >= anchor.seq) return;
    this.olderAnchor = null;
    const index = indexOfSeq(lines, anchor.seq);
    if (index <= 0) return;
    const viewport = this.viewport();
    // The CDK sizes its scroll content on its own schedule; size it now so the offset is not cut.
    viewport.setTotalContentSize(lines.length * ROW_HEIGHT);
    viewport.scrollToOffset(index * ROW_HEIGHT + anchor.offset);
  }

  private stickToBottom(): void {
    this.stuckAt = this.stream.lines().length;
    this.viewport().scrollToOffset(this.stream.lines().length * ROW_HEIGHT);
  }
}
