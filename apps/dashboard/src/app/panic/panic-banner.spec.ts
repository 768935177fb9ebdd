import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { MetricsSnapshot } from '@redtail/contracts';
import { entries, provideFakeLogSocket } from '../../testing/fake-log-socket';
import { Session } from '../auth/session';
import { LogStream } from '../logs/log-stream';
import { clockTime } from '../shared/format';
import { PanicBanner } from './panic-banner';

async function setUp(isAdmin: boolean) {
  const fake = provideFakeLogSocket();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      ...fake.providers,
      { provide: Session, useValue: { isAdmin: signal(isAdmin) } },
    ],
  });
  const stream = TestBed.inject(LogStream);
  stream.connect('t');
  const socket = fake.sockets[0];
  socket.connectWith();
  const fixture = TestBed.createComponent(PanicBanner);
  await fixture.whenStable();
  return {
    fixture,
    socket,
    stream,
    frames: fake.frames,
    host: fixture.nativeElement as HTMLElement,
  };
}

describe('PanicBanner', () => {
  it('alerts with the time of the panic and can be dismissed', async () => {
    const { fixture, socket, host } = await setUp(false);
    const at = '2026-01-02T14:03:07Z';
    socket.fire('panic', { at, epoch: 2, cleared: 10, lockdown: false });
    await fixture.whenStable();
    const alert = host.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain(
      `Panic mode — logs wiped and key rotated at ${clockTime(at)}`,
    );

    (alert.querySelector('button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows lockdown without a resume button for viewers', async () => {
    const { fixture, socket, host } = await setUp(false);
    socket.fire('metrics', { lockdown: true } as MetricsSnapshot);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="lockdown"]')?.textContent).toContain(
      'ingestion is paused',
    );
    expect(host.querySelector('[data-testid="lockdown"] button')).toBeNull();
  });

  it('lets an admin resume ingestion', async () => {
    const { fixture, socket, host, stream } = await setUp(true);
    socket.fire('metrics', { lockdown: true } as MetricsSnapshot);
    await fixture.whenStable();
    (host.querySelector('[data-testid="lockdown"] button') as HTMLButtonElement).click();
    TestBed.inject(HttpTestingController).expectOne('logs/resume').flush({ at: 'now' });
    await fixture.whenStable();
    expect(stream.lockdown()).toBe(false);
    expect(host.querySelector('[data-testid="lockdown"]')).toBeNull();
  });

  it('says the store was lost when Redis restarted, and still empties the view', async () => {
    const { fixture, socket, host, stream, frames } = await setUp(false);
    socket.deliver(entries(1, 3));
    frames.run();
    expect(stream.lines()).toHaveLength(3);
    const at = '2026-01-02T09:15:42Z';
    socket.fire('panic', { at, epoch: 5, cleared: 0, lockdown: false, reason: 'store-lost' });
    await fixture.whenStable();
    const alert = host.querySelector('[data-testid="panic-alert"]') as HTMLElement;
    expect(alert.textContent).toContain(
      `Store lost — Redis restarted; logs from before ${clockTime(at)} are gone`,
    );
    expect(alert.textContent).not.toContain('Panic mode');
    expect(stream.lines()).toEqual([]);
  });

  it('warns that Redis persists to disk only when the cluster says so', async () => {
    const { fixture, socket, host } = await setUp(false);
    const cluster = {
      nodeId: 'a',
      nodes: 2,
      persistentRedis: false,
      nodeReceived: 0,
      nodeViewers: 1,
    };
    socket.fire('metrics', { lockdown: false, cluster } as MetricsSnapshot);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="persistent-redis"]')).toBeNull();

    socket.fire('metrics', {
      lockdown: false,
      cluster: { ...cluster, persistentRedis: true },
    } as MetricsSnapshot);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="persistent-redis"]')?.textContent).toContain(
      'Redis persists to disk — logs may be written to disk by Redis',
    );
  });
});
