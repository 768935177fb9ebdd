import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { PanicEvent } from '@redtail/contracts';
import { entries, provideFakeLogSocket } from '../../testing/fake-log-socket';
import { LogStream } from '../logs/log-stream';
import { PanicButton } from './panic-button';

async function setUp() {
  const fake = provideFakeLogSocket();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), ...fake.providers],
  });
  const stream = TestBed.inject(LogStream);
  stream.connect('admin');
  fake.sockets[0].connectWith(entries(1, 3));
  fake.frames.run();
  const fixture = TestBed.createComponent(PanicButton);
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  host.querySelector('button')?.click();
  await fixture.whenStable();
  const confirm = () =>
    [...host.querySelectorAll('button')].find((b) => b.type === 'submit') as HTMLButtonElement;
  const type = async (text: string) => {
    const input = host.querySelector('input[type="text"]') as HTMLInputElement;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  return { fixture, host, confirm, type, stream, http: TestBed.inject(HttpTestingController) };
}

describe('PanicButton', () => {
  it('asks for confirmation in a dialog', async () => {
    const { host, confirm } = await setUp();
    expect(host.querySelector('[role="alertdialog"]')).not.toBeNull();
    expect(confirm().disabled).toBe(true);
  });

  it('stays disabled until PANIC is typed exactly', async () => {
    const { confirm, type } = await setUp();
    await type('panic');
    expect(confirm().disabled).toBe(true);
    await type('PANIC');
    expect(confirm().disabled).toBe(false);
  });

  it('sends the panic with lockdown and empties this dashboard at once', async () => {
    const { host, confirm, type, http, fixture, stream } = await setUp();
    await type('PANIC');
    const lockdown = host.querySelector('input[type="checkbox"]') as HTMLInputElement;
    lockdown.checked = true;
    lockdown.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    confirm().click();

    const request = http.expectOne('logs/panic');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ lockdown: true });
    const event: PanicEvent = { at: '2026-01-02T14:03:07Z', epoch: 2, cleared: 3, lockdown: true };
    request.flush(event);
    await fixture.whenStable();

    expect(stream.panic()).toEqual(event);
    expect(stream.lines()).toEqual([]);
    expect(host.querySelector('[role="alertdialog"]')).toBeNull();
  });

  it('says when the server refuses', async () => {
    const { confirm, type, http, fixture, host, stream } = await setUp();
    await type('PANIC');
    confirm().click();
    http.expectOne('logs/panic').flush({}, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('Only an admin');
    expect(stream.lines()).toHaveLength(3);
  });
});
