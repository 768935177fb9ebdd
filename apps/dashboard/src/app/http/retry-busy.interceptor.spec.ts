import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  BUSY_RETRIES,
  MAX_BUSY_WAIT_MS,
  busyWaitMs,
  retryBusyInterceptor,
} from './retry-busy.interceptor';

describe('retryBusyInterceptor', () => {
  let http: HttpClient;
  let server: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([retryBusyInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    server = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    server.verify();
    jest.useRealTimers();
  });

  const busy = { status: 429, statusText: 'Too Many Requests' };

  it('asks a refused read again after Retry-After and delivers the answer', () => {
    const answers: unknown[] = [];
    http.get('logs').subscribe((page) => answers.push(page));
    server.expectOne('logs').flush('busy', { ...busy, headers: { 'Retry-After': '2' } });
    jest.advanceTimersByTime(1999);
    server.expectNone('logs');
    jest.advanceTimersByTime(1);
    server.expectOne('logs').flush({ entries: [] });
    expect(answers).toEqual([{ entries: [] }]);
  });

  it('gives up after its retries and passes the 429 on', () => {
    const errors: number[] = [];
    http.get('logs').subscribe({ error: (error) => errors.push(error.status) });
    for (let attempt = 0; attempt <= BUSY_RETRIES; attempt++) {
      server.expectOne('logs').flush('busy', busy);
      jest.advanceTimersByTime(1000);
    }
    server.expectNone('logs');
    expect(errors).toEqual([429]);
  });

  it('passes other errors on at once', () => {
    const errors: number[] = [];
    http.get('logs').subscribe({ error: (error) => errors.push(error.status) });
    server.expectOne('logs').flush('bad', { status: 400, statusText: 'Bad Request' });
    jest.advanceTimersByTime(MAX_BUSY_WAIT_MS);
    server.expectNone('logs');
    expect(errors).toEqual([400]);
  });

  it('never repeats a request that changes state', () => {
    const errors: number[] = [];
    http.post('logs/panic', {}).subscribe({ error: (error) => errors.push(error.status) });
    server.expectOne('logs/panic').flush('busy', busy);
    jest.advanceTimersByTime(MAX_BUSY_WAIT_MS);
    server.expectNone('logs/panic');
    expect(errors).toEqual([429]);
  });

  it.each([
    [null, 1000],
    ['0', 1000],
    ['soon', 1000],
    ['3', 3000],
    ['3600', MAX_BUSY_WAIT_MS],
  ])('waits %p → %p ms', (header, wait) => {
    expect(busyWaitMs(header)).toBe(wait);
  });
});
