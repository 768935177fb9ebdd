import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { LogFieldValues } from '@redtail/contracts';
import { FieldValues } from './field-values';

async function setUp() {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(FieldValues);
  fixture.componentRef.setInput('path', 'http.status');
  fixture.componentRef.setInput('filter', { services: ['checkout'], level: 'error' });
  const picked: string[] = [];
  fixture.componentInstance.picked.subscribe((condition) => picked.push(condition));
  fixture.detectChanges();
  return {
    fixture,
    host: fixture.nativeElement as HTMLElement,
    picked,
    http: TestBed.inject(HttpTestingController),
  };
}

const ANSWER: LogFieldValues = {
  field: 'http.status',
  values: [
    { value: '500', count: 30 },
    { value: '502', count: 10 },
  ],
  other: 5,
  missing: 55,
  counted: 100,
  complete: false,
};

describe('FieldValues', () => {
  it('counts the field over the view’s filter and lists the values with their share', async () => {
    const { fixture, host, http } = await setUp();
    expect(host.textContent).toContain('Counting…');
    const request = http.expectOne((req) => req.url === 'logs/values');
    expect(request.request.params.get('field')).toBe('http.status');
    expect(request.request.params.get('top')).toBe('10');
    expect(request.request.params.get('services')).toBe('checkout');
    expect(request.request.params.get('level')).toBe('error');
    request.flush(ANSWER);
    await fixture.whenStable();
    const rows = [...host.querySelectorAll('.values li')];
    expect(
      rows.map((row) => [
        row.querySelector('.value')?.textContent,
        row.querySelector('.count')?.textContent,
      ]),
    ).toEqual([
      ['500', '30'],
      ['502', '10'],
    ]);
    expect((rows[0].querySelector('.bar') as HTMLElement).style.width).toBe('30%');
    expect(
      host
        .querySelector('[data-testid="values-summary"]')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe(
      '100 lines counted (the newest: the count stopped at its time budget) · 55 without it · 5 with other values',
    );
  });

  it('turns a value into a field filter', async () => {
    const { fixture, host, http, picked } = await setUp();
    http.expectOne((req) => req.url === 'logs/values').flush(ANSWER);
    await fixture.whenStable();
    (
      host.querySelector('button[aria-label="Filter http.status=502"]') as HTMLButtonElement
    ).click();
    expect(picked).toEqual(['http.status=502']);
  });

  it('asks again for another filter or field, not for an equal filter', async () => {
    const { fixture, http } = await setUp();
    http.expectOne((req) => req.url === 'logs/values').flush(ANSWER);
    fixture.componentRef.setInput('filter', { level: 'error', services: ['checkout'] });
    fixture.detectChanges();
    http.expectNone((req) => req.url === 'logs/values');
    fixture.componentRef.setInput('filter', { level: 'warn' });
    fixture.detectChanges();
    http.expectOne((req) => req.url === 'logs/values' && req.params.get('level') === 'warn');
    fixture.componentRef.setInput('path', 'user.plan');
    fixture.detectChanges();
    http.expectOne((req) => req.url === 'logs/values' && req.params.get('field') === 'user.plan');
  });

  it('says when nothing in the view has the field, and when the server is busy', async () => {
    const { fixture, host, http } = await setUp();
    http
      .expectOne((req) => req.url === 'logs/values')
      .flush({ ...ANSWER, values: [], other: 0, missing: 3, counted: 3, complete: true });
    await fixture.whenStable();
    expect(host.textContent).toContain('No line of this view has a value there.');
    fixture.componentRef.setInput('path', 'x');
    fixture.detectChanges();
    http
      .expectOne((req) => req.url === 'logs/values')
      .flush({ message: 'busy' }, { status: 429, statusText: 'Too Many Requests' });
    await fixture.whenStable();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain(
      'The server is busy reading',
    );
  });
});
