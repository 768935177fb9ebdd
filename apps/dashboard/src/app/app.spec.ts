import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Identity } from '@redtail/contracts';
import { provideFakeLogSocket } from '../testing/fake-log-socket';
import { App } from './app';
import { Session } from './auth/session';

async function setUp() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      ...provideFakeLogSocket().providers,
    ],
  });
  const fixture = TestBed.createComponent(App);
  const session = TestBed.inject(Session);
  const signIn = async (identity: Identity) => {
    const done = session.signIn('k');
    TestBed.inject(HttpTestingController).expectOne('auth/me').flush(identity);
    await done;
    await fixture.whenStable();
  };
  return { fixture, session, signIn, page: fixture.nativeElement as HTMLElement };
}

describe('App', () => {
  beforeEach(() => sessionStorage.clear());

  it('renders the product name and a connection indicator', async () => {
    const { fixture, session, page } = await setUp();
    session.signOut();
    await fixture.whenStable();
    expect(page.querySelector('h1')?.textContent).toBe('Redtail');
    expect(page.querySelector('rt-connection-indicator')?.textContent).toContain('Offline');
    expect(page.querySelector('rt-login')).not.toBeNull();
  });

  it('shows who is signed in and signs out', async () => {
    const { page, signIn, fixture, session } = await setUp();
    await signIn({ name: 'ops', role: 'viewer', authDisabled: false });
    expect(page.querySelector('[data-testid="role"]')?.textContent).toContain('viewer');
    expect(page.textContent).not.toContain('Authentication is off');

    [...page.querySelectorAll('button')].find((b) => b.textContent?.includes('Sign out'))?.click();
    await fixture.whenStable();
    expect(session.state()).toBe('signed-out');
    expect(page.querySelector('rt-login')).not.toBeNull();
  });

  it('offers the audit trail to admins only', async () => {
    const { page, signIn, fixture, session } = await setUp();
    await signIn({ name: 'ops', role: 'viewer', authDisabled: false });
    expect(page.querySelector('[data-testid="audit-toggle"]')).toBeNull();

    session.signOut();
    await signIn({ name: 'root', role: 'admin', authDisabled: false });
    const toggle = page.querySelector('[data-testid="audit-toggle"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    TestBed.inject(HttpTestingController).expectOne('audit').flush([]);
    await fixture.whenStable();
    expect(page.querySelector('rt-audit-panel')?.textContent).toContain('No security events yet');

    session.signOut();
    await fixture.whenStable();
    expect(page.querySelector('rt-audit-panel')).toBeNull();
  });

  it('warns loudly when authentication is off', async () => {
    const { page, signIn } = await setUp();
    await signIn({ name: 'anonymous', role: 'admin', authDisabled: true });
    expect(page.querySelector('.auth-off')?.textContent).toContain('Authentication is off');
  });

  it('folds the actions into a menu that Escape and a click elsewhere close', async () => {
    const { page, signIn, fixture } = await setUp();
    await signIn({ name: 'ops', role: 'viewer', authDisabled: false });
    const menu = [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Menu');
    const actions = page.querySelector('#rt-header-menu') as HTMLElement;
    expect(menu?.getAttribute('aria-controls')).toBe('rt-header-menu');
    expect(actions.textContent).toContain('Sign out');

    menu?.click();
    await fixture.whenStable();
    expect(menu?.getAttribute('aria-expanded')).toBe('true');
    expect(actions.classList).toContain('open');

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await fixture.whenStable();
    expect(menu?.getAttribute('aria-expanded')).toBe('false');

    menu?.click();
    await fixture.whenStable();
    document.body.click();
    await fixture.whenStable();
    expect(actions.classList).not.toContain('open');
  });

  it('switches the theme from the header, signed in or not', async () => {
    localStorage.clear();
    const { page, fixture, session } = await setUp();
    session.signOut();
    await fixture.whenStable();
    const toggle = page.querySelector('.theme-toggle') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    localStorage.clear();
    document.documentElement.removeAttribute('data-theme');
  });
});
