import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { LogFilter } from '@redtail/contracts';
import { LogStream } from '../logs/log-stream';
import { FilterBar, SEARCH_DEBOUNCE_MS } from './filter-bar';

async function setUp(filter: LogFilter = {}, streamError: string | null = null) {
  TestBed.configureTestingModule({
    providers: [{ provide: LogStream, useValue: { error: signal(streamError) } }],
  });
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

  it('sends the exclude text once typing pauses', async () => {
    const { host, changes } = await setUp({ q: 'x' });
    jest.useFakeTimers();
    const input = host.querySelector('#rt-exclude') as HTMLInputElement;
    input.value = ' health ';
    input.dispatchEvent(new Event('input'));
    expect(changes).toEqual([]);
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(changes).toEqual([{ q: 'x', exclude: 'health' }]);
  });

  it('toggles regex mode with a pressed button', async () => {
    const { fixture, host, changes } = await setUp({ q: 'x' });
    const toggle = host.querySelector('.regex-toggle') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    toggle.click();
    expect(changes).toEqual([{ q: 'x', regex: true }]);
    fixture.componentRef.setInput('filter', { q: 'x', regex: true });
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    toggle.click();
    expect(changes[1]).toEqual({ q: 'x' });
  });

  it('shows the server refusal of a pattern beside the box that holds it', async () => {
    const { host } = await setUp(
      { exclude: 'a(?=b)', regex: true },
      'The server refused the subscription: exclude: pattern is not a valid regular expression: invalid or unsupported Perl syntax (RE2 syntax: no look-arounds or backreferences)',
    );
    const input = host.querySelector('#rt-exclude') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = host.querySelector(`#${input.getAttribute('aria-describedby')}`);
    expect(error?.textContent?.trim()).toBe(
      'Exclude pattern is not a valid regular expression: invalid or unsupported Perl syntax (RE2 syntax: no look-arounds or backreferences)',
    );
    expect(host.querySelector('#rt-search')?.hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows no pattern error for other refusals', async () => {
    const { host } = await setUp({}, 'The server refused the subscription: forbidden');
    expect(host.querySelector('.pattern-error')).toBeNull();
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
