import type { CdkVirtualScrollViewport, VirtualScrollStrategy } from '@angular/cdk/scrolling';
import { Subject, distinctUntilChanged } from 'rxjs';
import { RowLayout, uniformLayout } from './row-layout';

/**
 * The CDK's fixed-size strategy, for rows whose heights the tail knows in advance (wrapped and
 * expanded rows are taller): the rendered range is the rows within `bufferPx` of the viewport.
 * While the tail follows the newest line the viewport's top is its content's end minus its
 * height, so the range comes from the layout alone: reading `scrollTop` right after the rows
 * changed forces a synchronous layout, and with two live panes of wrapped rows those forced
 * layouts were the largest single cost of a busy stream.
 */
export class RowLayoutStrategy implements VirtualScrollStrategy {
  private readonly index = new Subject<number>();
  readonly scrolledIndexChange = this.index.pipe(distinctUntilChanged());
  private viewport: CdkVirtualScrollViewport | null = null;
  private layout: () => RowLayout = () => uniformLayout(0, 0);
  private atBottom: () => boolean = () => false;

  constructor(private readonly bufferPx: number) {}

  /**
   * Read lazily: the layout of the lines the viewport is about to show, and whether the list is
   * kept scrolled to its end (then its scroll offset is known without asking the DOM).
   */
  useLayout(layout: () => RowLayout, atBottom: () => boolean = () => false): void {
    this.layout = layout;
    this.atBottom = atBottom;
    this.refresh();
  }

  attach(viewport: CdkVirtualScrollViewport): void {
    this.viewport = viewport;
    this.refresh();
  }

  detach(): void {
    this.index.complete();
    this.viewport = null;
  }

  onContentScrolled(): void {
    this.updateRange();
  }

  onDataLengthChanged(): void {
    this.refresh();
  }

  onContentRendered(): void {
    // Heights are known in advance, so what was rendered changes nothing.
  }

  onRenderedOffsetChanged(): void {
    // The offset is set by this strategy alone.
  }

  scrollToIndex(index: number, behavior: ScrollBehavior): void {
    this.viewport?.scrollToOffset(this.layout().offsetOf(index), behavior);
  }

  /** After the heights changed (wrap switched, a row expanded, the width changed). */
  refresh(): void {
    if (!this.viewport) return;
    this.viewport.setTotalContentSize(this.layout().total);
    this.updateRange();
  }

  private updateRange(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const layout = this.layout();
    const count = Math.min(layout.count, viewport.getDataLength());
    if (!count) {
      viewport.setRenderedRange({ start: 0, end: 0 });
      viewport.setRenderedContentOffset(0);
      return;
    }
    const size = viewport.getViewportSize();
    const top = this.atBottom() ? Math.max(0, layout.total - size) : viewport.measureScrollOffset();
    const start = layout.indexAt(top - this.bufferPx);
    const end = Math.min(count, layout.indexAt(top + size + this.bufferPx) + 1);
    viewport.setRenderedRange({ start, end });
    viewport.setRenderedContentOffset(layout.offsetOf(start));
    this.index.next(layout.indexAt(top));
  }
}
