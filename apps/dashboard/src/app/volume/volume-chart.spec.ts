import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TimeRange } from '../logs/log-stream';
import { emptyCounts, type VolumeBuckets } from './volume-buckets';
import { VolumeChart } from './volume-chart';

const FROM = new Date(2026, 11, 2, 10, 0, 0).getTime();

@Component({
  imports: [VolumeChart],
  template: '<rt-volume-chart [volume]="volume()" (brushed)="brushed.push($event)" />',
})
class Host {
  readonly volume = signal<VolumeBuckets | null>(null);
  readonly brushed: TimeRange[] = [];
}

/** 10 one-minute buckets; bucket 2 holds 3 info and 1 error. */
function volume(): VolumeBuckets {
  const counts = Array.from({ length: 10 }, emptyCounts);
  counts[2] = { ...emptyCounts(), info: 3, error: 1 };
  return { from: FROM, bucketMs: 60_000, counts };
}

function pointer(type: string, clientX: number): Event {
  return Object.assign(new Event(type), { clientX, clientY: 10, button: 0, pointerId: 1 });
}

async function setUp() {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.volume.set(volume());
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  const svg = host.querySelector('svg') as SVGSVGElement;
  // jsdom has no layout: the chart is 600 px wide with a 36 px axis, so each bucket is 55.6 px.
  svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 600, height: 96 }) as DOMRect;
  return { fixture, host, svg, brushed: fixture.componentInstance.brushed };
}

const bucketX = (index: number) => 36 + index * 55.6 + 10;

describe('VolumeChart', () => {
  it('sums the window in its accessible name', async () => {
    const { svg } = await setUp();
    expect(svg.getAttribute('aria-label')).toBe(
      'Volume by level from 10:00:00 to 10:10:00: 4 entries, 1 errors or worse',
    );
  });

  it('draws one path per level, with a bar only where that level has entries', async () => {
    const { host } = await setUp();
    const path = (level: string) =>
      host.querySelector(`path[data-level="${level}"]`)?.getAttribute('d') ?? '';
    expect(host.querySelectorAll('path.bar')).toHaveLength(6);
    expect(path('info').match(/M/g)).toHaveLength(1);
    expect(path('error').match(/M/g)).toHaveLength(1);
    expect(path('warn')).toBe('');
  });

  it('spells out the bucket under the pointer', async () => {
    const { fixture, host, svg } = await setUp();
    svg.dispatchEvent(pointer('pointermove', bucketX(2)));
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="volume-readout"]')?.textContent).toContain(
      '10:02–10:03 4 entries (info 3, error 1)',
    );
  });

  it('emits the whole buckets a drag covers, whichever way it goes', async () => {
    const { fixture, svg, brushed } = await setUp();
    svg.dispatchEvent(pointer('pointerdown', bucketX(5)));
    svg.dispatchEvent(pointer('pointermove', bucketX(3)));
    await fixture.whenStable();
    expect(svg.querySelector('rect.selection')).not.toBeNull();
    svg.dispatchEvent(pointer('pointerup', bucketX(3)));
    await fixture.whenStable();
    expect(brushed).toEqual([{ since: FROM + 3 * 60_000, until: FROM + 6 * 60_000 - 1 }]);
    expect(svg.querySelector('rect.selection')).toBeNull();
  });

  it('treats a click without a drag as no selection', async () => {
    const { svg, brushed } = await setUp();
    svg.dispatchEvent(pointer('pointerdown', bucketX(4)));
    svg.dispatchEvent(pointer('pointerup', bucketX(4) + 2));
    expect(brushed).toEqual([]);
  });
});
