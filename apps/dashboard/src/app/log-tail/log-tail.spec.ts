import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { toLiveRow, type LogEntry } from '@redtail/contracts';
import {
  FakeLogSocket,
  ManualFrames,
  entries,
  provideFakeLogSocket,
} from '../../testing/fake-log-socket';
import { LogStream } from '../logs/log-stream';
import { FileDownload } from '../shared/file-download';
import { LogTail } from './log-tail';

async function setUp() {
  const fake = provideFakeLogSocket();
  const saved: { name: string; text: string; type: string }[] = [];
  TestBed.configureTestingModule({
    providers: [
      ...fake.providers,
      provideHttpClient(),
      provideHttpClientTesting(),
      {
        provide: FileDownload,
        useValue: {
          save: (name: string, text: string, type: string) => saved.push({ name, text, type }),
        },
      },
    ],
  });
  const stream = TestBed.inject(LogStream);
  stream.connect('secret');
  const socket = fake.sockets[0] as FakeLogSocket;
  socket.connectWith();
  const fixture = TestBed.createComponent(LogTail);
  const opened: LogEntry[] = [];
  fixture.componentInstance.opened.subscribe((line) => opened.push(line));
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  const push = async (lines: LogEntry[], frames: ManualFrames = fake.frames) => {
    socket.deliver(lines);
    frames.run();
    await fixture.whenStable();
  };
  const button = (name: string) =>
    [...host.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === name,
    ) as HTMLButtonElement;
  return { stream, socket, fixture, host, push, button, opened, saved, frames: fake.frames };
}

describe('LogTail', () => {
  it('renders lines with time, level chip, service and masked message', async () => {
    const { host, push } = await setUp();
    await push(entries(1, 1, { message: 'mail to [EMAIL]', level: 'warn', service: 'billing' }));
    const row = host.querySelector('[role="option"]') as HTMLElement;
    expect(row.querySelector('.level-chip')?.textContent).toBe('warn');
    expect(row.querySelector('.service')?.textContent).toBe('billing');
    expect(row.querySelector('.mask')?.textContent).toBe('[EMAIL]');
    expect(host.querySelector('[role="listbox"]')?.getAttribute('aria-label')).toBe('Log lines');
  });

  it('shows chosen context fields as aligned columns under their names, empty when missing', async () => {
    const { host, push, fixture, socket } = await setUp();
    const changes: string[][] = [];
    fixture.componentInstance.fieldsChange.subscribe((fields) => changes.push(fields));
    expect(socket.lastSubscription().request).toMatchObject({ withContext: false });
    fixture.componentRef.setInput('fields', ['status', 'user.id']);
    await fixture.whenStable();
    // Columns that read the context bring it back into the live lines.
    const withContext = socket.lastSubscription();
    expect(withContext.request).not.toHaveProperty('withContext');
    withContext.ack({ ok: true, entries: [], missed: 0, epoch: 1, lockdown: false });
    await push([
      ...entries(1, 1, { context: { status: 502, user: { id: 'u-9' } } }),
      ...entries(2, 2, { context: { user: { id: 'u-1' } } }),
    ]);
    const heads = [...host.querySelectorAll('.heads .field-name')].map((head) => head.textContent);
    expect(heads).toEqual(['status', 'user.id']);
    const rows = [...host.querySelectorAll('[role="option"]')].map((row) =>
      [...row.querySelectorAll('.field')].map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['502', 'u-9'],
      ['', 'u-1'],
    ]);

    (host.querySelector('[aria-label="Remove column status"]') as HTMLButtonElement).click();
    expect(changes).toEqual([['user.id']]);
    changes.length = 0;

    const box = host.querySelector('.fields input') as HTMLInputElement;
    expect(box.value).toBe('status, user.id');
    box.value = 'route, status';
    box.dispatchEvent(new Event('change'));
    expect(changes).toEqual([['route', 'status']]);
  });

  it('counts new lines while paused and shows them on resume', async () => {
    const { host, push, button, stream, fixture } = await setUp();
    await push(entries(1, 2));
    button('Pause').click();
    await push(entries(3, 5));
    expect(host.querySelector('.pending')?.textContent).toContain('3 new');
    expect(stream.lines()).toHaveLength(2);

    button('Resume').click();
    await fixture.whenStable();
    expect(stream.lines()).toHaveLength(5);
    expect(host.querySelector('.pending')).toBeNull();
  });

  it('clears the screen', async () => {
    const { push, button, stream } = await setUp();
    await push(entries(1, 3));
    button('Clear').click();
    expect(stream.lines()).toEqual([]);
  });

  it('shows how many lines the buffer cap dropped', async () => {
    const { host, push, stream, fixture } = await setUp();
    stream.setCapacity(100);
    await push(entries(1, 130));
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="dropped-by-cap"]')?.textContent).toContain(
      '30 older lines',
    );
  });

  it('opens a line with the keyboard', async () => {
    const { host, push, opened, fixture } = await setUp();
    await push(entries(1, 3));
    const list = host.querySelector('[role="listbox"]') as HTMLElement;
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    await fixture.whenStable();
    expect(list.getAttribute('aria-activedescendant')).toBe('line-2');
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(opened.map((line) => line.seq)).toEqual([2]);
  });

  it('pauses when the user moves up the list, so lines stop moving under them', async () => {
    const { host, push, stream } = await setUp();
    await push(entries(1, 3));
    const list = host.querySelector('[role="listbox"]') as HTMLElement;
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }));
    expect(stream.paused()).toBe(true);
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }));
    expect(stream.paused()).toBe(false);
  });

  it('says live is paused while a past range is shown, and neither Space nor moving up pauses the range', async () => {
    const { host, push, button, stream, fixture } = await setUp();
    await push(entries(1, 3));
    const state = () => host.querySelector('[data-testid="tail-state"]')?.textContent?.trim();
    expect(state()).toBe('Live');

    stream.pauseForRange(0, 1_000);
    await fixture.whenStable();
    expect(state()).toBe('Live paused · time range shown');
    expect(button('Pause')).toBeUndefined();
    fixture.componentInstance.togglePause();
    const list = host.querySelector('[role="listbox"]') as HTMLElement;
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }));
    await fixture.whenStable();
    expect(stream.paused()).toBe(false);
    expect(state()).toBe('Live paused · time range shown');

    stream.backToLive();
    await fixture.whenStable();
    expect(button('Pause')).toBeDefined();
    expect(state()).not.toContain('range');
  });

  it('downloads the lines shown as NDJSON', async () => {
    const { push, button, saved, fixture } = await setUp();
    expect(button('Download').disabled).toBe(true);
    await push(entries(1, 2, { message: 'card [CARD]' }));
    button('Download').click();
    await fixture.whenStable();
    expect(saved).toHaveLength(1);
    expect(saved[0].type).toBe('application/x-ndjson');
    expect(saved[0].name).toMatch(/^redtail-.+\.ndjson$/);
    expect(
      saved[0].text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).seq),
    ).toEqual([1, 2]);
  });

  it('loads older lines at the top and says when there are no more', async () => {
    const { push, button, host, stream, fixture } = await setUp();
    await push(entries(5, 6));
    button('Load older').click();
    TestBed.inject(HttpTestingController)
      .expectOne((request) => request.url === 'logs' && request.params.get('before') === '5')
      .flush({ entries: entries(3, 4).reverse(), nextBefore: null });
    await fixture.whenStable();
    expect(stream.lines().map((line) => line.seq)).toEqual([3, 4, 5, 6]);
    expect(host.querySelector('[data-testid="history-status"]')?.textContent).toBe(
      'No older entries',
    );
    expect(button('Load older').disabled).toBe(true);
  });
});

describe('LogTail reading aids', () => {
  it('folds a multi-line message to its first line with a button that expands it in place', async () => {
    const { host, push, fixture, opened } = await setUp();
    await push(entries(1, 1, { message: 'Error: boom\n    at a (a.js:1:1)\n    at b (b.js:2:2)' }));
    const row = host.querySelector('[role="option"]') as HTMLElement;
    expect(row.querySelector('.text')?.textContent).toBe('Error: boom');
    const more = row.querySelector('.more') as HTMLElement;
    expect(more.textContent?.trim()).toBe('+2 lines');
    // Text within the option, not a control: a listbox option may hold none.
    expect(row.querySelector('button')).toBeNull();
    expect(row.style.height).toBe('24px');

    more.click();
    await fixture.whenStable();
    expect(row.querySelector('.rest')?.textContent).toBe(
      '    at a (a.js:1:1)\n    at b (b.js:2:2)',
    );
    expect(row.style.height).toBe('64px');
    expect(more.textContent?.trim()).toBe('fold');
    expect(opened).toEqual([]);
  });

  it('wraps long lines when asked, and asks for a change with its buttons', async () => {
    const { host, push, fixture, button } = await setUp();
    const wraps: boolean[] = [];
    const zones: string[] = [];
    fixture.componentInstance.wrapChange.subscribe((wrap) => wraps.push(wrap));
    fixture.componentInstance.zoneChange.subscribe((zone) => zones.push(zone));
    await push(entries(1, 1, { message: 'x'.repeat(300) }));
    button('Wrap').click();
    button('UTC').click();
    expect(wraps).toEqual([true]);
    expect(zones).toEqual(['utc']);

    fixture.componentRef.setInput('wrap', true);
    fixture.componentRef.setInput('zone', 'utc');
    await fixture.whenStable();
    expect(host.classList).toContain('wrap');
    expect(button('Wrap').getAttribute('aria-pressed')).toBe('true');
    const row = host.querySelector('[role="option"]') as HTMLElement;
    // Until the browser measures the column, 120 characters per line are assumed.
    expect(row.style.height).toBe('64px');
    expect(host.querySelector('.heads .time')?.textContent).toBe('Time (UTC)');
  });

  it('moves the active line with move() and reports it for Enter', async () => {
    const { push, fixture } = await setUp();
    await push(entries(1, 3));
    const tail = fixture.componentInstance;
    expect(tail.move(-1)?.seq).toBe(3);
    expect(tail.move(-1)?.seq).toBe(2);
    expect(tail.move(1)?.seq).toBe(3);
    expect(tail.activeLine()?.seq).toBe(3);
  });
  it('marks a context cell of a line whose context is not loaded, not as empty', async () => {
    const { host, fixture, socket, frames } = await setUp();
    fixture.componentRef.setInput('fields', ['status', 'traceId']);
    await fixture.whenStable();
    socket.lastSubscription().ack({ ok: true, entries: [], missed: 0, epoch: 1, lockdown: false });
    const line = entries(1, 1, { context: { status: 502 }, traceId: 'abc' })[0];
    socket.fire('logs', { epoch: 1, rows: [toLiveRow(line, false)] });
    frames.run();
    await fixture.whenStable();
    const cells = [...host.querySelectorAll('[role="option"] .field')] as HTMLElement[];
    expect(cells.map((cell) => [cell.textContent?.trim(), cell.title])).toEqual([
      ['…', 'status: not loaded'],
      ['abc', 'traceId = abc'],
    ]);
  });

  it('marks a context cell of a line the store no longer has, once it was looked up', async () => {
    const { host, fixture, socket, frames } = await setUp();
    const http = TestBed.inject(HttpTestingController);
    socket.lastSubscription().ack({ ok: true, entries: [], missed: 0, epoch: 1, lockdown: false });
    const line = entries(1, 1, { context: { status: 502 } })[0];
    socket.fire('logs', { epoch: 1, rows: [toLiveRow(line, false)] });
    frames.run();
    fixture.componentRef.setInput('fields', ['status']);
    await fixture.whenStable();
    const cell = () => host.querySelector('[role="option"] .field') as HTMLElement;
    expect([cell().textContent?.trim(), cell().title]).toEqual(['…', 'status: not loaded']);
    // The line was evicted meanwhile: the store's pages end without it.
    http.expectOne((request) => request.url === 'logs').flush({ entries: [], nextBefore: null });
    await fixture.whenStable();
    expect([cell().textContent?.trim(), cell().title]).toEqual(['—', 'status: no longer stored']);
  });

  describe('downloading lines received without their context', () => {
    const whole = entries(1, 3, { context: { order: 'o-1' } });
    const savedSeqsWithheld = (text: string) =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogEntry)
        .filter((line) => line.contextWithheld)
        .map((line) => line.seq);

    async function withWithheldLines() {
      const set = await setUp();
      set.socket.fire('logs', { epoch: 1, rows: whole.map((each) => toLiveRow(each, false)) });
      set.frames.run();
      await set.fixture.whenStable();
      const http = TestBed.inject(HttpTestingController);
      const shortfall = () =>
        set.host
          .querySelector('[data-testid="export-shortfall"]')
          ?.textContent?.replace(/\s+/g, ' ')
          .trim();
      return { ...set, http, shortfall };
    }

    it('says it is preparing while the whole entries are fetched, then saves them', async () => {
      const { button, saved, fixture, http, shortfall } = await withWithheldLines();
      button('Download').click();
      await fixture.whenStable();
      expect(button('Preparing…').disabled).toBe(true);
      expect(saved).toEqual([]);
      const page = http.expectOne((request) => request.url === 'logs');
      expect(page.request.params.get('before')).toBe('4');
      expect(page.request.params.get('limit')).toBe('1000');
      page.flush({ entries: [...whole].reverse(), nextBefore: null });
      await fixture.whenStable();
      expect(saved).toHaveLength(1);
      expect(savedSeqsWithheld(saved[0].text)).toEqual([]);
      expect(JSON.parse(saved[0].text.split('\n')[0])).toEqual(whole[0]);
      expect(button('Download').disabled).toBe(false);
      expect(shortfall()).toBeUndefined();
    });

    it('says how many lines it exported without their context when they are gone', async () => {
      const { button, saved, fixture, http, shortfall } = await withWithheldLines();
      button('Download').click();
      http
        .expectOne((request) => request.url === 'logs')
        .flush({ entries: [whole[2]], nextBefore: null });
      await fixture.whenStable();
      expect(savedSeqsWithheld(saved[0].text)).toEqual([1, 2]);
      expect(shortfall()).toContain('2 lines exported without their context: no longer stored');
    });

    it('says when they could not be loaded, until the next export', async () => {
      const { button, saved, fixture, http, shortfall } = await withWithheldLines();
      button('Download').click();
      http
        .expectOne((request) => request.url === 'logs')
        .flush({}, { status: 503, statusText: 'Unavailable' });
      await fixture.whenStable();
      expect(savedSeqsWithheld(saved[0].text)).toEqual([1, 2, 3]);
      expect(shortfall()).toContain(
        '3 lines exported without their context: it could not be loaded',
      );
      button('Download').click();
      await fixture.whenStable();
      expect(shortfall()).toBeUndefined();
      http.expectOne((request) => request.url === 'logs');
    });

    it('asks for nothing when every line came whole', async () => {
      const { push, button, saved, fixture } = await setUp();
      await push(entries(1, 2, { context: { a: 1 } }));
      button('Download').click();
      await fixture.whenStable();
      TestBed.inject(HttpTestingController).verify();
      expect(saved).toHaveLength(1);
    });
  });
});
