import { DOCUMENT, DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';

export type Theme = 'light' | 'dark';
/** `system` follows the operating system's preference until the user picks one. */
export type ThemeChoice = Theme | 'system';

/** Also read by public/theme-boot.js, which applies the choice before the first paint. */
export const THEME_KEY = 'redtail.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function isTheme(value: string | null): value is Theme {
  return value === 'light' || value === 'dark';
}

/**
 * Light or dark. The choice is kept in localStorage (it is a preference of this browser, not of
 * a signed-in user) and written to `<html data-theme>`, where the stylesheet's `color-scheme`
 * picks every `light-dark()` colour; without a choice the system preference applies.
 */
@Injectable({ providedIn: 'root' })
export class ThemeStore {
  private readonly document = inject(DOCUMENT);
  private readonly media = this.document.defaultView?.matchMedia?.(DARK_QUERY) ?? null;
  private readonly systemDark = signal(this.media?.matches ?? false);
  private readonly _choice = signal<ThemeChoice>(this.stored());

  readonly choice = this._choice.asReadonly();
  readonly theme = computed<Theme>(() => {
    const choice = this._choice();
    if (choice !== 'system') return choice;
    return this.systemDark() ? 'dark' : 'light';
  });

  constructor() {
    const onChange = (event: MediaQueryListEvent) => this.systemDark.set(event.matches);
    this.media?.addEventListener?.('change', onChange);
    inject(DestroyRef).onDestroy(() => this.media?.removeEventListener?.('change', onChange));
    effect(() => {
      const choice = this._choice();
      const root = this.document.documentElement;
      if (choice === 'system') root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', choice);
    });
  }

  /** Switches to the other theme and remembers it. */
  toggle(): void {
    this.choose(this.theme() === 'dark' ? 'light' : 'dark');
  }

  choose(choice: ThemeChoice): void {
    this._choice.set(choice);
    try {
      if (choice === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, choice);
    } catch {
      // Storage can be disabled (private mode, policy); the choice then lasts for this tab.
    }
  }

  private stored(): ThemeChoice {
    try {
      const value = localStorage.getItem(THEME_KEY);
      return isTheme(value) ? value : 'system';
    } catch {
      return 'system';
    }
  }
}
