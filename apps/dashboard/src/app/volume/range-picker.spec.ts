import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TimeRange } from '../logs/log-stream';
import { Clock } from '../shared/clock';
import { RangePicker } from './range-picker';

@Component({
  imports: [RangePicker],
  template: '<rt-range-picker [range]="range()" (rangeChange)="chosen.push($event)" />',
})
class Host {
  readonly range = signal<TimeRange | null>(null);
  readonly chosen: (TimeRange | null)[] = [];
}

/** The picker's day: a range within it shows times only, one from another day its dates too. */
const TODAY_NOON = new Date(2026, 11, 2, 12, 0, 0).getTime();

async function setUp(range: TimeRange | null = null) {
  TestBed.configureTestingModule({
    providers: [{ provide: Clock, useValue: { now: signal(TODAY_NOON) } }],
  });
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.range.set(range);
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  const button = (name: string) =>
    [...host.querySelectorAll('button')].find(
      (b) => b.textContent?.replace(/\s+/g, ' ').trim() === name,
    ) as HTMLButtonElement;
  return { fixture, host, button, chosen: fixture.componentInstance.chosen };
}

describe('RangePicker', () => {
  afterEach(() => jest.restoreAllMocks());

  it('marks Live while no range is shown and offers no way back', async () => {
    const { button, host } = await setUp();
    expect(button('Live').getAttribute('aria-pressed')).toBe('true');
    expect(host.textContent).not.toContain('Back to live');
  });

  it('turns a preset into absolute times ending now', async () => {
    const { button, chosen } = await setUp();
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 11, 2, 10, 0));
    button('Last 1 h').click();
    expect(chosen).toEqual([
      { since: Date.UTC(2026, 11, 2, 9, 0), until: Date.UTC(2026, 11, 2, 10, 0) },
    ]);
  });

  it('shows the range and goes back to live', async () => {
    const since = new Date(2026, 11, 2, 9, 0, 0).getTime();
    const { button, host, chosen } = await setUp({ since, until: since + 300_000 });
    expect(button('Live').getAttribute('aria-pressed')).toBe('false');
    expect(host.querySelector('[data-testid="range-shown"]')?.textContent).toContain(
      '09:00:00 – 09:05:00',
    );
    button('Back to live').click();
    expect(chosen).toEqual([null]);
  });

  it('applies a custom range and explains a reversed one instead', async () => {
    const { fixture, button, host, chosen } = await setUp();
    button('Custom…').click();
    await fixture.whenStable();
    const [from, to] = [...host.querySelectorAll<HTMLInputElement>('input[type="datetime-local"]')];
    const form = host.querySelector('form') as HTMLFormElement;

    from.value = '2026-12-02T10:05';
    to.value = '2026-12-02T10:00';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain(
      'The start must be before the end.',
    );
    expect(chosen).toEqual([]);

    to.value = '2026-12-02T10:30';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    expect(chosen).toEqual([
      {
        since: new Date(2026, 11, 2, 10, 5).getTime(),
        until: new Date(2026, 11, 2, 10, 30).getTime(),
      },
    ]);
    expect(host.querySelector('form')).toBeNull();
  });
});
