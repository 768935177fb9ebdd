import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { AuthMode, Identity } from '@redtail/contracts';
import { firstValueFrom } from 'rxjs';
import { takeTokenFromFragment } from './fragment-token';

/** sessionStorage, never localStorage: the key dies with the tab. */
export const TOKEN_STORAGE_KEY = 'redtail.token';

export type SessionState = 'checking' | 'signed-out' | 'signed-in';

/** Who is signed in, with which key; the key lives in sessionStorage only. */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly http = inject(HttpClient);
  private readonly destroyRef = inject(DestroyRef);

  private readonly _state = signal<SessionState>('checking');
  private readonly _identity = signal<Identity | null>(null);
  private readonly _token = signal<string | null>(null);
  private readonly _problem = signal<string | null>(null);
  private readonly _authDisabled = signal<boolean | null>(null);
  private modeRequested = false;

  readonly state = this._state.asReadonly();
  readonly identity = this._identity.asReadonly();
  readonly token = this._token.asReadonly();
  /** Why the user was signed out (a rejected key), shown on the login screen. */
  readonly problem = this._problem.asReadonly();
  readonly isAdmin = computed(() => this._identity()?.role === 'admin');
  /**
   * True only when the server said it runs without keys (`GET /auth/mode`); false or unknown
   * (not asked yet, or no answer) hides the keyless path.
   */
  readonly authDisabled = computed(() => this._authDisabled() === true);

  /**
   * Called once at start-up: a key from the link or from this tab's storage is checked. A link
   * pasted into this open tab later only changes the fragment, which reloads nothing: the
   * fragment listeners (`popstate`, `hashchange`) sign in with it then.
   */
  async start(): Promise<void> {
    const onFragmentChange = (event: Event) => {
      const token = takeTokenFromFragment(window.location, window.history);
      if (token === null) return;
      // The router follows fragment changes too (`popstate` comes first, then `hashchange`) and
      // would write the key it saw back into the address bar and the history: it must not see
      // this one. Capturing listeners on the window run before the router's.
      event.stopImmediatePropagation();
      void this.signInFromLink(token);
    };
    for (const type of ['popstate', 'hashchange']) {
      window.addEventListener(type, onFragmentChange, { capture: true });
      this.destroyRef.onDestroy(() =>
        window.removeEventListener(type, onFragmentChange, { capture: true }),
      );
    }
    const fromLink = takeTokenFromFragment(window.location, window.history);
    const token = fromLink ?? sessionStorage.getItem(TOKEN_STORAGE_KEY);
    if (!token) {
      this._state.set('signed-out');
      return;
    }
    await this.signIn(token);
  }

  /** Asks the server once whether it runs without keys; the sign-in screen calls this. */
  loadAuthMode(): void {
    if (this.modeRequested) return;
    this.modeRequested = true;
    this.http.get<AuthMode>('auth/mode').subscribe({
      next: (mode) => this._authDisabled.set(mode.authDisabled === true),
      // Unknown stays hidden; the next sign-in screen asks again.
      error: () => (this.modeRequested = false),
    });
  }

  /** Signs in with a key taken from the address, unless it is the key already in use. */
  private async signInFromLink(token: string): Promise<void> {
    if (token === this._token() && this._state() === 'signed-in') return;
    await this.signIn(token);
  }

  /** Checks the key with `GET /auth/me`; `null` tries without a key (authentication off). */
  async signIn(token: string | null): Promise<boolean> {
    this._state.set('checking');
    this._problem.set(null);
    try {
      const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
      const identity = await firstValueFrom(this.http.get<Identity>('auth/me', { headers }));
      if (identity.role === 'ingest') {
        this.signOut('This is an ingest key: it can send logs but not read them.');
        return false;
      }
      if (token) sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
      this._token.set(token);
      this._identity.set(identity);
      this._state.set('signed-in');
      return true;
    } catch (error) {
      this.signOut(describe(error, token));
      return false;
    }
  }

  /** Forgets the key; `problem` explains why when it was not the user's choice. */
  signOut(problem: string | null = null): void {
    sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    this._token.set(null);
    this._identity.set(null);
    this._problem.set(problem);
    this._state.set('signed-out');
  }
}

function describe(error: unknown, token: string | null): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 401) {
      return token ? 'This key was not accepted.' : 'The server requires a key.';
    }
    if (error.status === 403) return 'This key may not read logs.';
    if (error.status === 0) return 'The server cannot be reached.';
    return `The server answered ${error.status}.`;
  }
  return 'The key could not be checked.';
}
