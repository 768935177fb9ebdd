import { TestBed } from '@angular/core/testing';
import type { LogFilter } from '@redtail/contracts';
import { FilterBar, SEARCH_DEBOUNCE_MS } from './filter-bar';

async function setUp(filter: LogFilter = {}) {
  const fixture = TestBed.createComponent(FilterBar);
  fixture.componentRef.setInput('filter', filter);
  fixture.componentRef.setInput('levelCounts', { info: 1234, error: 5 });
  fixture.componentRef.setInput('services', ['checkout', 'billing']);
  const changes: LogFilter[] = [];
  fixture.componentInstance.filterChange.subscribe((change) => changes.push(change));
  await fixture.whenStable();
  return { fixture, host: fixture.nativeElement as HTMLElement, changes };
}

describe('FilterBar', () => {
  afterEach(() => jest.useRealTimers());

  it('shows level toggles with counts and toggles a level', async () => {
    const { host, changes } = await setUp({ q: 'x' });
    const info = host.querySelector('[data-level="info"]') as HTMLButtonElement;
    expect(info.textContent).toContain('1,234');
    expect(info.getAttribute('aria-pressed')).toBe('false');
    info.click();
    expect(changes).toEqual([{ q: 'x', levels: ['info'] }]);
  });

  it('removes a toggled level', async () => {
    const { host, changes } = await setUp({ levels: ['info', 'error'] });
    (host.querySelector('[data-level="info"]') as HTMLButtonElement).click();
    expect(changes).toEqual([{ levels: ['error'] }]);
  });

  it('sets a minimum level', async () => {
    const { host, changes } = await setUp();
    const select = host.querySelector('select') as HTMLSelectElement;
    select.value = 'warn';
    select.dispatchEvent(new Event('change'));
    expect(changes).toEqual([{ level: 'warn' }]);
  });

  it('picks services', async () => {
    const { host, changes } = await setUp({ services: ['billing'] });
    const boxes = [...host.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((box) => box.checked)).toEqual([true, false]);
    boxes[1].checked = true;
    boxes[1].dispatchEvent(new Event('change'));
    expect(changes).toEqual([{ services: ['billing', 'checkout'] }]);
    expect(host.querySelector('summary')?.textContent).toBe('billing');
  });

  it('sends the search once typing pauses', async () => {
    const { host, changes } = await setUp();
    jest.useFakeTimers();
    const input = host.querySelector('input[type="search"]') as HTMLInputElement;
    input.value = 'time';
    input.dispatchEvent(new Event('input'));
    input.value = 'timeout ';
    input.dispatchEvent(new Event('input'));
    expect(changes).toEqual([]);
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(changes).toEqual([{ q: 'timeout' }]);
  });

  it('clears all filters', async () => {
    const { host, changes } = await setUp({ level: 'warn', q: 'x' });
    const clear = [...host.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Clear'),
    );
    clear?.click();
    expect(changes).toEqual([{}]);
  });
});
