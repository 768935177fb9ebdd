import { TestBed } from '@angular/core/testing';
import type { MetricsSnapshot } from '@redtail/contracts';
import { provideFakeLogSocket } from '../../testing/fake-log-socket';
import { LogStream } from '../logs/log-stream';
import { MetricsPanel } from './metrics-panel';

const snapshot: MetricsSnapshot = {
  totalReceived: 12345,
  lastLogAt: new Date().toISOString(),
  perLevel: { trace: 0, debug: 0, info: 100, warn: 3, error: 1, fatal: 0 },
  perService: { checkout: 104 },
  maskedPerType: { EMAIL: 7, IPV4: 2 },
  rate: { lastSecond: 42, lastMinute: 12.4, history: [1, 2, 3] },
  rejected: 0,
  evicted: 5,
  truncated: 0,
  storedEntries: 100,
  storedBytes: 2048,
  viewers: 2,
  panicCount: 0,
  lastPanicAt: null,
  epoch: 3,
  lockdown: false,
  uptimeSeconds: 60,
};

async function setUp() {
  const fake = provideFakeLogSocket();
  TestBed.configureTestingModule({ providers: fake.providers });
  TestBed.inject(LogStream).connect('t');
  const fixture = TestBed.createComponent(MetricsPanel);
  await fixture.whenStable();
  return { fake, fixture, host: fixture.nativeElement as HTMLElement };
}

describe('MetricsPanel', () => {
  it('shows totals, the rate chart and masked counts, leaving level counts to the filter bar', async () => {
    const { fake, fixture, host } = await setUp();
    expect(host.textContent).toContain('Waiting for metrics');

    fake.sockets[0].fire('metrics', snapshot);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="total-received"]')?.textContent).toBe('12,345');
    expect(host.querySelector('rt-rate-chart')?.getAttribute('aria-label')).toBe(
      'Ingest rate, last 60 seconds; now 3 per second',
    );
    expect(host.textContent).toContain('42/s');
    expect(host.textContent).toContain('just now');
    expect(host.querySelector('[aria-label="Masked values per type"]')?.textContent).toMatch(
      /EMAIL\s*7.*IPV4\s*2/s,
    );
    expect(host.querySelector('[aria-label="Entries per level"]')).toBeNull();
    expect(host.querySelector('.level-chip')).toBeNull();
  });

  it('names the node and counts the nodes in cluster mode', async () => {
    const { fake, fixture, host } = await setUp();
    fake.sockets[0].fire('metrics', snapshot);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="cluster-node"]')).toBeNull();

    fake.sockets[0].fire('metrics', {
      ...snapshot,
      cluster: {
        nodeId: 'node-b',
        nodes: 3,
        persistentRedis: false,
        nodeReceived: 4000,
        nodeViewers: 1,
      },
    } satisfies MetricsSnapshot);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="cluster-node"]')?.textContent).toMatch(
      /node-b\s*4,000 in · 1 viewers/,
    );
    expect(host.querySelector('[data-testid="cluster-nodes"]')?.textContent).toContain('3 nodes');
  });
});
