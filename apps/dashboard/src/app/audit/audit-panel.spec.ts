import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuditEvent } from '@redtail/contracts';
import { FakeLogSocket, provideFakeLogSocket } from '../../testing/fake-log-socket';
import { LogStream } from '../logs/log-stream';
import { clockTime } from '../shared/format';
import { AuditPanel } from './audit-panel';

function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 1,
    at: '2026-01-02T14:03:07Z',
    lastAt: '2026-01-02T14:03:07Z',
    type: 'auth-failed',
    actor: 'unknown',
    address: '127.0.0.1',
    detail: 'GET /logs',
    count: 1,
    ...overrides,
  };
}

async function setUp() {
  const fake = provideFakeLogSocket();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), ...fake.providers],
  });
  const stream = TestBed.inject(LogStream);
  stream.connect('t');
  const socket = fake.sockets[0] as FakeLogSocket;
  socket.connectWith();
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(AuditPanel);
  const closed: unknown[] = [];
  fixture.componentInstance.closed.subscribe(() => closed.push(true));
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  const answer = async (events: AuditEvent[]) => {
    http.expectOne('audit').flush(events);
    await fixture.whenStable();
  };
  const rows = () =>
    [...host.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()),
    );
  return { fixture, host, http, socket, answer, rows, closed };
}

describe('AuditPanel', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('names the node of each event when the trail comes from a cluster', async () => {
    const { answer, rows, host } = await setUp();
    await answer([
      auditEvent({ id: 1, type: 'panic', actor: 'ops', node: 'node-b' }),
      auditEvent({ id: 1, node: 'node-a' }),
    ]);
    expect([...host.querySelectorAll('thead th')].map((th) => th.textContent?.trim())).toContain(
      'Node',
    );
    expect(rows().map((cells) => cells[4])).toEqual(['node-b', 'node-a']);
  });

  it('lists time, type, key name, address and count of each event when opened', async () => {
    const { answer, rows, host } = await setUp();
    await answer([
      auditEvent({
        id: 2,
        type: 'panic',
        actor: 'ops',
        address: '10.0.0.7',
        detail: 'POST /logs/panic',
      }),
      auditEvent({ id: 1, count: 3, lastAt: '2026-01-02T14:03:09Z' }),
    ]);
    expect(rows()).toEqual([
      [clockTime('2026-01-02T14:03:07Z'), 'Panic', 'ops', '10.0.0.7', '1', 'POST /logs/panic'],
      [
        `${clockTime('2026-01-02T14:03:07Z')} – ${clockTime('2026-01-02T14:03:09Z')}`,
        'Authentication failed',
        'unknown',
        '127.0.0.1',
        '3',
        'GET /logs',
      ],
    ]);
    expect(host.querySelector('[role="status"]')?.textContent).toContain(
      '2 recent security events',
    );
  });

  it('fetches again after a panic or a resume on the socket', async () => {
    const { answer, rows, socket, fixture } = await setUp();
    await answer([]);
    expect(rows()).toEqual([['No security events yet.']]);

    socket.fire('panic', { at: '2026-01-02T14:03:07Z', epoch: 2, cleared: 0, lockdown: true });
    await fixture.whenStable();
    await answer([auditEvent({ type: 'panic', actor: 'ops' })]);
    expect(rows()[0][1]).toBe('Panic');

    socket.fire('resumed', { at: '2026-01-02T14:04:00Z' });
    await fixture.whenStable();
    await answer([
      auditEvent({ id: 3, type: 'resume', actor: 'ops' }),
      auditEvent({ type: 'panic' }),
    ]);
    expect(rows().map((row) => row[1])).toEqual(['Resume', 'Panic']);
  });

  it('refreshes on request and says when the trail cannot be loaded', async () => {
    const { answer, host, http, fixture } = await setUp();
    await answer([]);
    (
      [...host.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Refresh',
      ) as HTMLButtonElement
    ).click();
    await fixture.whenStable();
    http.expectOne('audit').flush('no', { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(host.querySelector('[role="status"]')?.textContent).toContain('could not be loaded');
  });

  it('closes with the Close button and with Escape', async () => {
    const { answer, host, closed, fixture } = await setUp();
    await answer([]);
    (
      [...host.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Close',
      ) as HTMLButtonElement
    ).click();
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await fixture.whenStable();
    expect(closed).toHaveLength(2);
  });
});
