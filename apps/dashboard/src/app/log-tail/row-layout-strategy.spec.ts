import type { CdkVirtualScrollViewport, ListRange } from '@angular/cdk/scrolling';
import { RowLayoutStrategy } from './row-layout-strategy';
import { uniformLayout, variableLayout } from './row-layout';

/** The parts of the CDK viewport the strategy talks to, recording what it is told. */
function fakeViewport(rows: number, size: number) {
  const told = { total: 0, range: { start: 0, end: 0 } as ListRange, offset: 0 };
  let top = 0;
  const viewport = {
    getDataLength: () => rows,
    getViewportSize: () => size,
    measureScrollOffset: () => top,
    setTotalContentSize: (total: number) => (told.total = total),
    setRenderedRange: (range: ListRange) => (told.range = range),
    setRenderedContentOffset: (offset: number) => (told.offset = offset),
    scrollToOffset: (offset: number) => (top = offset),
  };
  return {
    viewport: viewport as unknown as CdkVirtualScrollViewport,
    told,
    scrollTo: (offset: number) => (top = offset),
  };
}

describe('RowLayoutStrategy', () => {
  it('renders the rows in view plus the buffer, placed where the layout puts them', () => {
    const strategy = new RowLayoutStrategy(48);
    strategy.useLayout(() => uniformLayout(100, 24));
    const { viewport, told, scrollTo } = fakeViewport(100, 240);
    strategy.attach(viewport);
    expect(told.total).toBe(2400);
    expect(told.range).toEqual({ start: 0, end: 13 });

    scrollTo(1200);
    strategy.onContentScrolled();
    expect(told.range).toEqual({ start: 48, end: 63 });
    expect(told.offset).toBe(48 * 24);
  });

  it('follows rows of different heights and scrolls to an index by its offset', () => {
    const strategy = new RowLayoutStrategy(0);
    const heights = [24, 104, 24, 24, 24];
    strategy.useLayout(() => variableLayout(heights));
    const { viewport, told, scrollTo } = fakeViewport(5, 50);
    strategy.attach(viewport);
    expect(told.total).toBe(200);

    scrollTo(130);
    strategy.onContentScrolled();
    expect(told.range).toEqual({ start: 2, end: 5 });
    expect(told.offset).toBe(128);

    strategy.scrollToIndex(1, 'auto');
    expect(viewport.measureScrollOffset()).toBe(24);
  });

  it('renders the last rows without reading the scroll offset while kept at the bottom', () => {
    const strategy = new RowLayoutStrategy(48);
    const { viewport, told } = fakeViewport(100, 240);
    viewport.measureScrollOffset = () => {
      throw new Error('the scroll offset was read');
    };
    strategy.useLayout(
      () => uniformLayout(100, 24),
      () => true,
    );
    strategy.attach(viewport);
    expect(told.range).toEqual({ start: 88, end: 100 });
    expect(told.offset).toBe(88 * 24);
  });

  it('renders from the top while kept at the bottom of rows shorter than the viewport', () => {
    const strategy = new RowLayoutStrategy(48);
    strategy.useLayout(
      () => uniformLayout(5, 24),
      () => true,
    );
    const { viewport, told } = fakeViewport(5, 240);
    strategy.attach(viewport);
    expect(told.range).toEqual({ start: 0, end: 5 });
    expect(told.offset).toBe(0);
  });

  it('renders nothing for an empty list', () => {
    const strategy = new RowLayoutStrategy(48);
    strategy.useLayout(() => uniformLayout(0, 24));
    const { viewport, told } = fakeViewport(0, 240);
    strategy.attach(viewport);
    expect(told.range).toEqual({ start: 0, end: 0 });
    expect(told.total).toBe(0);
  });
});
