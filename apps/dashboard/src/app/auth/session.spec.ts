import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Identity } from '@redtail/contracts';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { Session, TOKEN_STORAGE_KEY } from './session';

const admin: Identity = { name: 'ops', role: 'admin', authDisabled: false };

function setUp() {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
  });
  return { session: TestBed.inject(Session), http: TestBed.inject(HttpTestingController) };
}

const flushes = () => new Promise((resolve) => setTimeout(resolve));

describe('Session', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('signs in with the token from the link and keeps it in sessionStorage only', async () => {
    window.history.replaceState(null, '', '/#token=from-link');
    const { session, http } = setUp();
    const started = session.start();
    const request = http.expectOne('auth/me');
    expect(request.request.headers.get('Authorization')).toBe('Bearer from-link');
    request.flush(admin);
    await started;

    expect(session.state()).toBe('signed-in');
    expect(session.identity()).toEqual(admin);
    expect(session.isAdmin()).toBe(true);
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('from-link');
    expect(localStorage.length).toBe(0);
    expect(window.location.hash).toBe('');
  });

  it('shows the login form when there is no token, without asking the server', async () => {
    const { session, http } = setUp();
    await session.start();
    http.expectNone('auth/me');
    expect(session.state()).toBe('signed-out');
  });

  it('forgets a rejected token and says why', async () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'stale');
    const { session, http } = setUp();
    const started = session.start();
    http.expectOne('auth/me').flush({ message: 'unknown key' }, { status: 401, statusText: 'No' });
    await started;
    expect(session.state()).toBe('signed-out');
    expect(session.problem()).toBe('This key was not accepted.');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('refuses ingest keys, which cannot read logs', async () => {
    const { session, http } = setUp();
    const signedIn = session.signIn('ingest-key');
    http.expectOne('auth/me').flush({ name: 'app', role: 'ingest', authDisabled: false });
    expect(await signedIn).toBe(false);
    expect(session.problem()).toContain('ingest key');
  });

  it('adds the bearer token to API calls and signs out when it stops working', async () => {
    const { session, http } = setUp();
    const signedIn = session.signIn('good');
    http.expectOne('auth/me').flush(admin);
    await signedIn;

    const call = firstValueFrom(TestBed.inject(HttpClient).get('logs/metrics')).catch(() => null);
    const request = http.expectOne('logs/metrics');
    expect(request.request.headers.get('Authorization')).toBe('Bearer good');
    request.flush({}, { status: 401, statusText: 'Unauthorized' });
    await call;
    await flushes();
    expect(session.state()).toBe('signed-out');
    expect(session.problem()).toContain('no longer accepts');
  });

  it('signs out on request', async () => {
    const { session, http } = setUp();
    const signedIn = session.signIn('good');
    http.expectOne('auth/me').flush(admin);
    await signedIn;
    session.signOut();
    expect(session.identity()).toBeNull();
    expect(session.problem()).toBeNull();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('signs in when a link with a key is pasted into the open tab, without a reload', async () => {
    const { session, http } = setUp();
    await session.start();
    expect(session.state()).toBe('signed-out');

    const seenByOthers: string[] = [];
    const other = (event: Event) => seenByOthers.push(event.type);
    window.addEventListener('popstate', other);
    window.addEventListener('hashchange', other);
    window.history.replaceState(null, '', '/?level=warn#key=pasted');
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    window.removeEventListener('popstate', other);
    window.removeEventListener('hashchange', other);
    // The router never sees the key; the hashchange after it carries none.
    expect(seenByOthers).toEqual(['hashchange']);
    const request = http.expectOne('auth/me');
    expect(request.request.headers.get('Authorization')).toBe('Bearer pasted');
    request.flush(admin);
    await flushes();

    expect(session.state()).toBe('signed-in');
    expect(session.token()).toBe('pasted');
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?level=warn');
  });

  it('ignores a fragment change without a key, and a link with the key already in use', async () => {
    window.history.replaceState(null, '', '/#token=same');
    const { session, http } = setUp();
    const started = session.start();
    http.expectOne('auth/me').flush(admin);
    await started;

    window.history.replaceState(null, '', '/#view=x');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    window.history.replaceState(null, '', '/#token=same');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    http.expectNone('auth/me');
    expect(session.state()).toBe('signed-in');
  });

  it('offers the keyless path only when the server reports authentication off', () => {
    const { session, http } = setUp();
    expect(session.authDisabled()).toBe(false);
    session.loadAuthMode();
    session.loadAuthMode();
    http.expectOne('auth/mode').flush({ authDisabled: true });
    expect(session.authDisabled()).toBe(true);
  });

  it('keeps the keyless path hidden when the mode is unknown, and asks again later', () => {
    const { session, http } = setUp();
    session.loadAuthMode();
    http.expectOne('auth/mode').flush('down', { status: 503, statusText: 'Unavailable' });
    expect(session.authDisabled()).toBe(false);
    session.loadAuthMode();
    http.expectOne('auth/mode').flush({ authDisabled: false });
    expect(session.authDisabled()).toBe(false);
  });
});
