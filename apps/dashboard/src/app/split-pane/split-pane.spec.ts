import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { LogFilter } from '@redtail/contracts';
import { entries, entry, provideFakeLogSocket } from '../../testing/fake-log-socket';
import { Session } from '../auth/session';
import { LogHistory } from '../logs/log-history';
import { LogStream } from '../logs/log-stream';
import { SplitPane } from './split-pane';

async function setUp(filter: LogFilter) {
  const fake = provideFakeLogSocket();
  TestBed.configureTestingModule({
    providers: [
      ...fake.providers,
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: Session, useValue: { token: signal('secret') } },
    ],
  });
  const fixture = TestBed.createComponent(SplitPane);
  fixture.componentRef.setInput('filter', filter);
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  return { fixture, host, fake };
}

describe('SplitPane', () => {
  it('runs its own stream on its own socket, apart from the main one', async () => {
    const { fixture, fake } = await setUp({ services: ['billing'] });
    const main = TestBed.inject(LogStream);
    const pane = fixture.debugElement.injector.get(LogStream);
    expect(pane).not.toBe(main);
    expect(fake.sockets).toHaveLength(1);
    expect(fake.sockets[0].token).toBe('secret');

    fake.sockets[0].connectWith([entry(1, { service: 'billing' })]);
    fake.frames.run();
    expect(pane.lines().map((line) => line.seq)).toEqual([1]);
    expect(main.lines()).toEqual([]);
    expect(fake.sockets[0].lastSubscription().request).toMatchObject({ services: ['billing'] });
  });

  it('gives its filter bar and rows ids and a name of their own, apart from the main view', async () => {
    const { host, fake, fixture } = await setUp({});
    fake.sockets[0].connectWith([entry(7)]);
    fake.frames.run();
    await fixture.whenStable();
    expect(host.querySelector('[role="search"]')?.getAttribute('aria-label')).toBe(
      'Filter the pinned stream',
    );
    expect(host.querySelector('#rt-pinned-search')).not.toBeNull();
    expect(host.querySelector('label[for="rt-pinned-search"]')).not.toBeNull();
    expect(host.querySelector('#rt-search')).toBeNull();
    expect(host.querySelector('#line-7')).toBeNull();
    expect(host.querySelector('#pinned-line-7')).not.toBeNull();
  });

  it('loads older lines for its own stream and filter, not the main one', async () => {
    const { fixture, fake } = await setUp({ services: ['billing'] });
    const history = fixture.debugElement.injector.get(LogHistory);
    expect(history).not.toBe(TestBed.inject(LogHistory));
    fake.sockets[0].connectWith([entry(10, { service: 'billing' })]);
    fake.frames.run();
    history.loadOlder();
    const page = TestBed.inject(HttpTestingController).expectOne((r) => r.url === 'logs');
    expect(page.request.params.get('services')).toBe('billing');
    expect(page.request.params.get('before')).toBe('10');
    page.flush({ entries: [entry(9, { service: 'billing' })], nextBefore: null });
    const pane = fixture.debugElement.injector.get(LogStream);
    expect(pane.lines().map((line) => line.seq)).toEqual([9, 10]);
    expect(TestBed.inject(LogStream).lines()).toEqual([]);
  });

  it('re-subscribes when the page gives it a new filter', async () => {
    const { fixture, fake } = await setUp({});
    fake.sockets[0].connectWith(entries(1, 2));
    fixture.componentRef.setInput('filter', { level: 'error' });
    await fixture.whenStable();
    expect(fake.sockets[0].lastSubscription().request).toMatchObject({ level: 'error' });
  });

  it('stays live when a range reaches its filter: the range belongs to the main pane', async () => {
    const { fixture, fake } = await setUp({ services: ['billing'], since: 1_000, until: 2_000 });
    fake.sockets[0].connectWith([entry(3, { service: 'billing' })]);
    fake.frames.run();
    const pane = fixture.debugElement.injector.get(LogStream);
    expect(pane.range()).toBeNull();
    expect(pane.lines().map((line) => line.seq)).toEqual([3]);
    const request = fake.sockets[0].lastSubscription().request;
    expect(request).toMatchObject({ services: ['billing'] });
    expect(request).not.toHaveProperty('since');
    expect(request).not.toHaveProperty('until');
  });

  it("shows the page's columns, wrap and time zone, and passes their changes up", async () => {
    const { fixture, host, fake } = await setUp({});
    const changes: unknown[] = [];
    fixture.componentInstance.wrapChange.subscribe((wrap) => changes.push({ wrap }));
    fixture.componentInstance.zoneChange.subscribe((zone) => changes.push({ zone }));
    fixture.componentRef.setInput('fields', ['status']);
    fixture.componentRef.setInput('wrap', true);
    await fixture.whenStable();
    fake.sockets[0].connectWith([entry(4, { context: { status: 502 } })]);
    // A column that reads the context asks for it with the live lines.
    expect(fake.sockets[0].lastSubscription().request).not.toHaveProperty('withContext');
    fake.frames.run();
    await fixture.whenStable();
    expect(host.querySelector('[data-field="status"]')?.textContent).toBe('502');
    const button = (name: string) =>
      [...host.querySelectorAll('button')].find((each) => each.textContent?.trim() === name);
    expect(button('Wrap')?.getAttribute('aria-pressed')).toBe('true');
    button('Wrap')?.click();
    button('UTC')?.click();
    expect(changes).toEqual([{ wrap: false }, { zone: 'utc' }]);
  });

  it('asks to close with its button and closes its socket when removed', async () => {
    const { fixture, host, fake } = await setUp({});
    let closed = 0;
    fixture.componentInstance.closed.subscribe(() => (closed += 1));
    const close = [...host.querySelectorAll('button')].find(
      (button) => button.textContent?.trim() === 'Close split view',
    );
    close?.click();
    expect(closed).toBe(1);
    fake.sockets[0].connectWith();
    fixture.destroy();
    expect(fake.sockets[0].connected).toBe(false);
  });
});
