/**
 * One status line on stderr, redrawn in place on a terminal and throttled to
 * a line every few seconds elsewhere, so CI logs stay readable.
 */
const interactive = process.stderr.isTTY === true;
let lastPlainLine = 0;

export function progress(text: string): void {
  if (interactive) {
    process.stderr.write(`\r\x1b[K${text}`);
    return;
  }
  const now = Date.now();
  if (now - lastPlainLine >= 3000) {
    lastPlainLine = now;
    process.stderr.write(`${text}\n`);
  }
}

/** Ends the status line with a permanent one. */
export function announce(text: string): void {
  if (interactive) process.stderr.write('\r\x1b[K');
  process.stderr.write(`${text}\n`);
  lastPlainLine = 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
