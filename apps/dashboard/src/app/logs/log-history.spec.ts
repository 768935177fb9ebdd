import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { LogEntry, LogFilter } from '@redtail/contracts';
import { entries, entry, provideFakeLogSocket } from '../../testing/fake-log-socket';
import { HISTORY_PAGE, LogHistory } from './log-history';
import { LogStream } from './log-stream';

function setUp(filter: LogFilter = {}, shown: LogEntry[] = entries(501, 510)) {
  const fake = provideFakeLogSocket();
  TestBed.configureTestingModule({
    providers: [...fake.providers, provideHttpClient(), provideHttpClientTesting()],
  });
  const stream = TestBed.inject(LogStream);
  const history = TestBed.inject(LogHistory);
  const http = TestBed.inject(HttpTestingController);
  stream.setFilter(filter);
  stream.connect('secret');
  fake.sockets[0].connectWith(shown);
  fake.frames.run();
  const seqs = () => stream.lines().map((line) => line.seq);
  const expectPage = () => http.expectOne((request) => request.url === 'logs');
  return { stream, history, http, seqs, socket: fake.sockets[0], frames: fake.frames, expectPage };
}

describe('LogHistory', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for the page before the oldest line with the filter and puts it in front', () => {
    const { history, seqs, expectPage } = setUp({ level: 'warn', q: 'boom', services: ['api'] }, [
      entry(501, { level: 'error', message: 'boom', service: 'api' }),
    ]);
    history.loadOlder();
    expect(history.state()).toBe('loading');
    const request = expectPage();
    expect(request.request.params.toString()).toBe(
      `limit=${HISTORY_PAGE}&before=501&level=warn&services=api&q=boom`,
    );
    request.flush({
      entries: [entry(500), entry(499)].map((line) => ({
        ...line,
        level: 'error',
        message: 'boom',
        service: 'api',
      })),
      nextBefore: 499,
    });
    expect(seqs()).toEqual([499, 500, 501]);
    expect(history.state()).toBe('idle');
    expect(history.loaded()).toBe(2);

    history.loadOlder();
    expect(expectPage().request.params.get('before')).toBe('499');
  });

  it('asks for every service of the filter and still leaves out lines outside it', () => {
    const { history, seqs, expectPage } = setUp({ services: ['api', 'web'] }, [
      entry(501, { service: 'web' }),
    ]);
    history.loadOlder();
    const request = expectPage();
    expect(request.request.params.get('services')).toBe('api,web');
    request.flush({
      entries: [entry(500, { service: 'db' }), entry(499, { service: 'api' })],
      nextBefore: null,
    });
    expect(seqs()).toEqual([499, 501]);
  });

  it('says there is nothing older when the server has no next page, and stops asking', () => {
    const { history, expectPage } = setUp();
    history.loadOlder();
    expectPage().flush({ entries: entries(495, 500).reverse(), nextBefore: null });
    expect(history.state()).toBe('exhausted');
    history.loadOlder();
  });

  it('asks only for what fits and says so when the buffer is full', () => {
    const { stream, history, expectPage, seqs } = setUp({}, entries(501, 595));
    stream.setCapacity(100);
    history.loadOlder();
    const request = expectPage();
    expect(request.request.params.get('limit')).toBe('5');
    request.flush({ entries: entries(496, 500).reverse(), nextBefore: 496 });
    expect(seqs()).toHaveLength(100);
    expect(history.state()).toBe('full');
    history.loadOlder();
    expect(history.state()).toBe('full');
  });

  it('brings cleared lines back from the newest seen', () => {
    const { stream, history, expectPage, seqs } = setUp({}, entries(1, 3));
    stream.clear();
    history.loadOlder();
    const request = expectPage();
    expect(request.request.params.get('before')).toBe('4');
    request.flush({ entries: entries(1, 3).reverse(), nextBefore: null });
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('drops a page that arrives after the view started over', () => {
    const { stream, history, expectPage, seqs } = setUp();
    history.loadOlder();
    const request = expectPage();
    stream.setFilter({ level: 'error' });
    expect(history.state()).toBe('idle');
    request.flush({ entries: entries(495, 500).reverse(), nextBefore: null });
    expect(seqs()).toEqual([]);
    expect(history.state()).toBe('idle');
  });

  it('reports a failed request', () => {
    const { history, expectPage } = setUp();
    history.loadOlder();
    expectPage().flush('down', { status: 503, statusText: 'Service Unavailable' });
    expect(history.state()).toBe('failed');
  });
});
