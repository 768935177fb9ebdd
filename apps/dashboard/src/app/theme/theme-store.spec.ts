import { TestBed } from '@angular/core/testing';
import { THEME_KEY, ThemeStore } from './theme-store';

type Listener = (event: MediaQueryListEvent) => void;

/** A controllable `prefers-color-scheme: dark` query. */
function fakeSystem(dark: boolean) {
  const listeners: Listener[] = [];
  const media = {
    matches: dark,
    addEventListener: (_type: string, listener: Listener) => listeners.push(listener),
    removeEventListener: () => undefined,
  };
  jest.spyOn(window, 'matchMedia').mockReturnValue(media as unknown as MediaQueryList);
  return {
    change(next: boolean) {
      media.matches = next;
      for (const listener of listeners) listener({ matches: next } as MediaQueryListEvent);
    },
  };
}

function store(): ThemeStore {
  const theme = TestBed.inject(ThemeStore);
  TestBed.tick();
  return theme;
}

describe('ThemeStore', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.removeAttribute('data-theme');
  });
  afterEach(() => jest.restoreAllMocks());

  it('follows the system preference until a theme is chosen', () => {
    const system = fakeSystem(true);
    const theme = store();
    expect(theme.choice()).toBe('system');
    expect(theme.theme()).toBe('dark');
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);

    system.change(false);
    expect(theme.theme()).toBe('light');
  });

  it('toggles to the other theme, marks the page and remembers the choice', () => {
    fakeSystem(false);
    const theme = store();
    theme.toggle();
    TestBed.tick();
    expect(theme.theme()).toBe('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');

    theme.toggle();
    TestBed.tick();
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
  });

  it('starts from the stored choice, whatever the system prefers', () => {
    fakeSystem(true);
    localStorage.setItem(THEME_KEY, 'light');
    const theme = store();
    expect(theme.theme()).toBe('light');
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
  });

  it('ignores a stored value that is not a theme', () => {
    fakeSystem(false);
    localStorage.setItem(THEME_KEY, 'purple');
    expect(store().choice()).toBe('system');
  });

  it('going back to the system preference forgets the stored choice', () => {
    fakeSystem(false);
    localStorage.setItem(THEME_KEY, 'dark');
    const theme = store();
    theme.choose('system');
    TestBed.tick();
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    expect(theme.theme()).toBe('light');
  });
});
