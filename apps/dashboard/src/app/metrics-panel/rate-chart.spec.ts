import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RateChart, lastMinute } from './rate-chart';

@Component({
  imports: [RateChart],
  template: '<rt-rate-chart [history]="history()" />',
})
class Host {
  readonly history = signal<readonly number[]>([]);
}

async function render(history: number[]) {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.history.set(history);
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  return { fixture, host, svg: host.querySelector('svg') as SVGSVGElement };
}

describe('lastMinute', () => {
  it('pads a short history in front so the newest second is at the right', () => {
    const values = lastMinute([4, 5]);
    expect(values).toHaveLength(60);
    expect(values.slice(-2)).toEqual([4, 5]);
    expect(values[0]).toBe(0);
  });

  it('keeps only the newest 60 seconds', () => {
    const values = lastMinute(Array.from({ length: 75 }, (_, i) => i));
    expect(values[0]).toBe(15);
    expect(values.at(-1)).toBe(74);
  });
});

describe('RateChart', () => {
  it('labels a time axis from a minute ago to now and a rounded rate scale', async () => {
    const { host } = await render([3, 420]);
    const ticks = [...host.querySelectorAll('.tick')].map((t) => t.textContent?.trim());
    expect(ticks).toEqual(['500/s', '0', '−60s', '−45s', '−30s', '−15s', 'now']);
  });

  it('shows the rate of the second under the pointer and hides it on leave', async () => {
    const { fixture, host, svg } = await render([7, 42]);
    svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 260, height: 92 }) as DOMRect;
    // The right edge of the plot is the newest second.
    svg.dispatchEvent(Object.assign(new Event('pointermove'), { clientX: 254, clientY: 40 }));
    await fixture.whenStable();
    expect(host.querySelector('.tip')?.textContent?.trim()).toBe('now: 42/s');

    svg.dispatchEvent(Object.assign(new Event('pointermove'), { clientX: 250, clientY: 40 }));
    await fixture.whenStable();
    expect(host.querySelector('.tip')?.textContent?.trim()).toBe('1 s ago: 7/s');

    svg.dispatchEvent(new Event('pointerleave'));
    await fixture.whenStable();
    expect(host.querySelector('.tip')).toBeNull();
  });
});
