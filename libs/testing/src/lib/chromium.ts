/**
 * Debian's Chromium, headless and offline: Playwright's own browser download
 * cannot work on these machines, and without the background-networking flags
 * Chromium keeps dialling Google's hosts. Shared by the browser tests and the
 * browser soak benchmark.
 */
export const CHROMIUM_EXECUTABLE = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
