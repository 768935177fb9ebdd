// Applies a stored light/dark choice before the first paint, so a page whose system preference
// differs does not flash the other theme while Angular starts. A file, not an inline script: the
// CSP allows only same-origin scripts. ThemeStore (src/app/theme/theme-store.ts) owns the choice
// afterwards and uses the same key.
(function () {
  try {
    const theme = localStorage.getItem('redtail.theme');
    if (theme === 'light' || theme === 'dark') {
      document.documentElement.setAttribute('data-theme', theme);
    }
  } catch {
    // Storage refused (private mode, policy): the system preference applies.
  }
})();
