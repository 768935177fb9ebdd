import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { entry } from '../../testing/fake-log-socket';
import { Clipboard } from '../shared/clipboard';
import { LogDetail, WHOLE_ENTRY_DELAY_MS } from './log-detail';

async function setUp() {
  const copied: string[] = [];
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: Clipboard, useValue: { copy: async (text: string) => copied.push(text) > 0 } },
    ],
  });
  const fixture = TestBed.createComponent(LogDetail);
  const line = entry(7, {
    message: 'sent to [EMAIL]',
    context: { user: { email: '[EMAIL]', plan: 'pro' } },
    masked: { EMAIL: 2 },
  });
  fixture.componentRef.setInput('entry', line);
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  const button = (name: string) =>
    [...host.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === name,
    ) as HTMLButtonElement;
  return { fixture, host, button, copied, line, http: TestBed.inject(HttpTestingController) };
}

describe('LogDetail', () => {
  it('shows the message, context fields with masks marked, and mask badges', async () => {
    const { host } = await setUp();
    expect(host.querySelector('.message')?.textContent).toContain('sent to [EMAIL]');
    const rows = [...host.querySelectorAll('.fields tr')].map((row) => [
      row.querySelector('th')?.textContent?.trim(),
      row.querySelector('.value')?.textContent?.trim(),
    ]);
    expect(rows).toEqual([
      ['user.email', '[EMAIL]'],
      ['user.plan', 'pro'],
    ]);
    expect(host.querySelectorAll('.fields .mask')).toHaveLength(1);
    expect(host.querySelector('.badge')?.textContent).toContain('EMAIL × 2');
  });

  it('renders a stack trace line by line, leading with the first application frame', async () => {
    const { host, fixture } = await setUp();
    fixture.componentRef.setInput(
      'entry',
      entry(8, {
        message:
          'Error: boom\n    at x (/app/node_modules/a.js:1:1)\n    at place (/app/src/o.js:2:3)',
      }),
    );
    await fixture.whenStable();
    const lines = [...host.querySelectorAll('.message .line')];
    expect(lines.map((line) => line.getAttribute('data-kind'))).toEqual([
      'text',
      'frame',
      'app-frame',
    ]);
    expect(lines[2].textContent?.trim()).toBe('at place (/app/src/o.js:2:3)');
  });

  it('offers a context value as a column and as a field filter', async () => {
    const { host, fixture } = await setUp();
    const columns: string[] = [];
    const conditions: string[] = [];
    fixture.componentInstance.addColumn.subscribe((path) => columns.push(path));
    fixture.componentInstance.addCondition.subscribe((condition) => conditions.push(condition));
    fixture.componentRef.setInput('columns', ['user.email']);
    await fixture.whenStable();
    const byLabel = (label: string) =>
      host.querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement | null;
    expect(byLabel('Add user.email as column')).toBeNull();
    byLabel('Add user.plan as column')?.click();
    byLabel('Filter user.plan=pro')?.click();
    expect(columns).toEqual(['user.plan']);
    expect(conditions).toEqual(['user.plan=pro']);
  });

  it('says how long ago the entry was when the pointer reaches its time', async () => {
    const { host } = await setUp();
    const time = host.querySelector('.head time') as HTMLElement;
    time.dispatchEvent(new MouseEvent('mouseenter'));
    expect(time.title).toMatch(/ ago · \d{4}-\d{2}-\d{2}T/);
  });

  it('copies the entry as JSON', async () => {
    const { button, copied, line, fixture, host } = await setUp();
    button('Copy as JSON').click();
    await fixture.whenStable();
    expect(JSON.parse(copied[0])).toEqual(line);
    expect(host.querySelector('.copied')?.textContent).toContain('Copied');
  });

  it('copies a link to the line with the view around it and without any fragment', async () => {
    const { button, copied, fixture, host } = await setUp();
    window.history.replaceState(null, '', '/?q=sent&line=1-3#token=rt_secret');
    button('Copy link').click();
    await fixture.whenStable();
    expect(copied).toEqual([`${window.location.origin}/?q=sent&line=1-7`]);
    expect(host.querySelector('.copied')?.textContent?.trim()).toBe('Link copied');
    window.history.replaceState(null, '', '/');
  });

  it('shows a field’s values in the view and hides them again', async () => {
    const { button, fixture, host, http } = await setUp();
    fixture.componentRef.setInput('filter', { level: 'warn' });
    const values = host.querySelector(
      'button[aria-label="Values of user.plan in this view"]',
    ) as HTMLButtonElement;
    values.click();
    await fixture.whenStable();
    expect(host.querySelector('rt-field-values')?.getAttribute('aria-label')).toBe(
      'Values of user.plan',
    );
    const request = http.expectOne((req) => req.url === 'logs/values');
    expect(request.request.params.get('level')).toBe('warn');
    expect(values.getAttribute('aria-pressed')).toBe('true');
    values.click();
    await fixture.whenStable();
    expect(host.querySelector('rt-field-values')).toBeNull();
    expect(button('Copy link')).toBeTruthy();
  });

  it('loads the surrounding entries', async () => {
    const { button, http, fixture, host, line } = await setUp();
    button('View in context').click();
    const request = http.expectOne('logs/1-7/context?n=20');
    request.flush({ target: line, before: [entry(6)], after: [entry(8), entry(9)] });
    await fixture.whenStable();
    const items = host.querySelectorAll('.context li');
    expect(items).toHaveLength(4);
    expect(items[1].getAttribute('aria-current')).toBe('true');
  });

  it('opens a neighbouring entry picked from the context list', async () => {
    const { button, http, fixture, host, line } = await setUp();
    const picked: number[] = [];
    fixture.componentInstance.picked.subscribe((next) => picked.push(next.seq));
    button('View in context').click();
    http
      .expectOne('logs/1-7/context?n=20')
      .flush({ target: line, before: [entry(6)], after: [entry(8)] });
    await fixture.whenStable();
    const neighbours = host.querySelectorAll<HTMLButtonElement>('.context button.line');
    expect(neighbours).toHaveLength(2);
    neighbours[1].click();
    expect(picked).toEqual([8]);
  });

  it('says when the entry is gone', async () => {
    const { button, http, fixture, host } = await setUp();
    button('View in context').click();
    http.expectOne('logs/1-7/context?n=20').flush({}, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('no longer stored');
  });

  describe('for a live line received without its context', () => {
    const withheld = entry(9, { message: 'paid', contextWithheld: true, traceId: 't-9' });
    const whole = entry(9, { message: 'paid', context: { order: { id: 'o-1' } }, traceId: 't-9' });
    const fieldsState = (host: HTMLElement) =>
      host.querySelector('[data-testid="fields-state"]')?.textContent?.trim();
    const fieldPaths = (host: HTMLElement) =>
      [...host.querySelectorAll('.fields th')].map((th) => th.textContent?.trim());

    const afterTheDelay = () => new Promise((resolve) => setTimeout(resolve, WHOLE_ENTRY_DELAY_MS));

    async function showWithheld() {
      const set = await setUp();
      set.fixture.componentRef.setInput('entry', withheld);
      await set.fixture.whenStable();
      set.http.expectNone('logs/1-9');
      await afterTheDelay();
      return { ...set, request: set.http.expectOne('logs/1-9') };
    }

    it('asks only for the line the pane stops on, not for every line passed on the way', async () => {
      const { fixture, http } = await setUp();
      fixture.componentRef.setInput('entry', withheld);
      await fixture.whenStable();
      fixture.componentRef.setInput('entry', { ...withheld, id: '1-10', seq: 10 });
      await fixture.whenStable();
      await afterTheDelay();
      http.expectNone('logs/1-9');
      http.expectOne('logs/1-10').flush({ ...whole, id: '1-10', seq: 10 });
    });

    it('says the fields are loading, then shows those of the whole entry', async () => {
      const { host, fixture, request } = await showWithheld();
      expect(request.request.method).toBe('GET');
      const loading = host.querySelector('[data-testid="fields-state"]');
      expect(loading?.getAttribute('role')).toBe('status');
      expect(loading?.textContent).toContain('Loading');
      request.flush(whole);
      await fixture.whenStable();
      expect(fieldsState(host)).toBeUndefined();
      expect(fieldPaths(host)).toEqual(['order.id', 'traceId']);
    });

    it('copies the whole entry, without the marker, once it is known', async () => {
      const { button, copied, fixture, request } = await showWithheld();
      request.flush(whole);
      await fixture.whenStable();
      button('Copy as JSON').click();
      await fixture.whenStable();
      const json = JSON.parse(copied[0]);
      expect(json).toEqual(whole);
      expect(json).not.toHaveProperty('contextWithheld');
    });

    it('copies the marker while the whole entry is not known, so the copy says what is missing', async () => {
      const { button, copied, fixture } = await showWithheld();
      button('Copy as JSON').click();
      await fixture.whenStable();
      expect(JSON.parse(copied[0])).toEqual(withheld);
    });

    it('offers the fetched fields as columns and conditions', async () => {
      const { host, fixture, request } = await showWithheld();
      const columns: string[] = [];
      const conditions: string[] = [];
      fixture.componentInstance.addColumn.subscribe((path) => columns.push(path));
      fixture.componentInstance.addCondition.subscribe((condition) => conditions.push(condition));
      request.flush(whole);
      await fixture.whenStable();
      host.querySelector<HTMLButtonElement>('button[aria-label="Add order.id as column"]')?.click();
      host.querySelector<HTMLButtonElement>('button[aria-label="Filter order.id=o-1"]')?.click();
      expect(columns).toEqual(['order.id']);
      expect(conditions).toEqual(['order.id=o-1']);
    });

    it('says the fields are no longer stored when the entry is gone', async () => {
      const { host, fixture, request } = await showWithheld();
      request.flush({}, { status: 404, statusText: 'Not Found' });
      await fixture.whenStable();
      expect(fieldsState(host)).toBe(
        "This entry's fields are no longer stored (evicted or wiped).",
      );
      expect(fieldPaths(host)).toEqual(['traceId']);
    });

    it('says the fields could not be loaded on any other failure', async () => {
      const { host, fixture, request } = await showWithheld();
      request.flush({}, { status: 503, statusText: 'Unavailable' });
      await fixture.whenStable();
      expect(fieldsState(host)).toBe("This entry's fields could not be loaded.");
    });

    it('cancels the request when another entry is shown, and shows that one as given', async () => {
      const { host, fixture, request, http } = await showWithheld();
      fixture.componentRef.setInput('entry', entry(10, { context: { a: 1 } }));
      await fixture.whenStable();
      expect(request.cancelled).toBe(true);
      http.verify();
      expect(fieldsState(host)).toBeUndefined();
      expect(fieldPaths(host)).toEqual(['a']);
    });

    it('cancels the request when the pane closes', async () => {
      const { fixture, request } = await showWithheld();
      fixture.destroy();
      expect(request.cancelled).toBe(true);
    });
  });

  it('asks for nothing when the entry came with its context', async () => {
    const { http } = await setUp();
    http.verify();
  });

  it('closes with Escape', async () => {
    const { fixture, host } = await setUp();
    let closed = 0;
    fixture.componentInstance.closed.subscribe(() => closed++);
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(closed).toBe(1);
  });
});
