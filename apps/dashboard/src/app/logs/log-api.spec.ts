import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { LogApi } from './log-api';

function setUp() {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  return { api: TestBed.inject(LogApi), http: TestBed.inject(HttpTestingController) };
}

/**
 * The server runs panic and resume only for a JSON content type (a cross-site form cannot send
 * one); Angular's backends derive that header from an object body, so the body must stay one.
 */
describe('LogApi', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends panic as a JSON object carrying the lockdown choice', async () => {
    const { api, http } = setUp();
    const done = firstValueFrom(api.panic(true));
    const call = http.expectOne('logs/panic');
    const request = call.request;
    expect(request.method).toBe('POST');
    expect(request.body).toEqual({ lockdown: true });
    expect(request.headers.has('Content-Type')).toBe(false);
    expect(request.detectContentTypeHeader()).toBe('application/json');
    call.flush({});
    await done;
  });

  it('sends resume as an empty JSON object, never without a body', async () => {
    const { api, http } = setUp();
    const done = firstValueFrom(api.resume());
    const call = http.expectOne('logs/resume');
    const request = call.request;
    expect(request.method).toBe('POST');
    expect(request.body).toEqual({});
    expect(request.headers.has('Content-Type')).toBe(false);
    expect(request.detectContentTypeHeader()).toBe('application/json');
    call.flush({ at: 'now', lockdown: false });
    await done;
  });

  it('asks for the histogram of a time range with the filter in the shared query form', async () => {
    const { api, http } = setUp();
    const since = Date.UTC(2026, 11, 2, 10, 0);
    const until = since + 900_000;
    const done = firstValueFrom(api.histogram({ levels: ['error'], q: 'x' }, since, until, 60));
    const call = http.expectOne((request) => request.url === 'logs/histogram');
    const params = call.request.params;
    expect(params.get('since')).toBe('2026-12-02T10:00:00.000Z');
    expect(params.get('until')).toBe('2026-12-02T10:15:00.000Z');
    expect(params.get('buckets')).toBe('60');
    expect(params.get('levels')).toBe('error');
    expect(params.get('q')).toBe('x');
    call.flush({ from: since, to: until, bucketMs: 15_000, buckets: [], complete: true });
    await done;
  });

  it('fetches one entry whole by its id, encoded as a path segment', async () => {
    const { api, http } = setUp();
    const done = firstValueFrom(api.entry('1-7/x'));
    const call = http.expectOne('logs/1-7%2Fx');
    expect(call.request.method).toBe('GET');
    call.flush({ id: '1-7/x', seq: 7 });
    expect(await done).toEqual({ id: '1-7/x', seq: 7 });
  });
});
