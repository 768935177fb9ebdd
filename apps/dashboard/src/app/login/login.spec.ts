import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Session } from '../auth/session';
import { Login } from './login';

describe('Login', () => {
  beforeEach(() => sessionStorage.clear());

  it('signs in with the typed key', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(Login);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    (host.querySelector('input') as HTMLInputElement).value = ' key-1 ';
    host.querySelector('form')?.dispatchEvent(new Event('submit'));

    const http = TestBed.inject(HttpTestingController);
    http.expectOne('auth/mode').flush({ authDisabled: false });
    const request = http.expectOne('auth/me');
    expect(request.request.headers.get('Authorization')).toBe('Bearer key-1');
    request.flush({ name: 'me', role: 'viewer', authDisabled: false });
    await fixture.whenStable();
    expect(TestBed.inject(Session).state()).toBe('signed-in');
  });

  it('shows why the last key was rejected', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(Session).signOut('This key was not accepted.');
    const fixture = TestBed.createComponent(Login);
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('This key was not accepted.');
  });

  it.each([
    [true, 1],
    [false, 0],
  ])('with authentication off %p offers %p keyless sign-in buttons', async (off, buttons) => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(Login);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const keyless = () =>
      [...host.querySelectorAll('button')].filter((b) => b.textContent?.includes('without a key'));
    expect(keyless()).toHaveLength(0);
    TestBed.inject(HttpTestingController).expectOne('auth/mode').flush({ authDisabled: off });
    await fixture.whenStable();
    expect(keyless()).toHaveLength(buttons);
  });
});
